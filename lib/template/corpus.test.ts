/**
 * A corpus of mapping templates with exact expected outputs, across the engine's features:
 * $input (body, json, path incl. wildcards, deep scan, slices, filters), params, $context,
 * $stageVariables, $util, overrides, realistic request/response templates, and the Velocity
 * language (directives, whitespace, escapes, macros, Java String/List/Map methods, arithmetic,
 * printing). Cases marked `velocity: true` produced the same bytes in Apache Velocity 1.7 with
 * the differential harness (test/velocity) when the corpus was written; the rest use API
 * Gateway-only behaviour (JSONPath beyond simple paths, empty-body rules, overrides, errors).
 */
import { describe, expect, it } from "vitest";
import { renderTemplate, TemplateError } from "./index";
import { renderTemplateInterpreted } from "./render";

interface Case {
  name: string;
  template: string;
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  context?: Record<string, unknown>;
  stageVariables?: Record<string, string>;
  /** Exact output, or the start of the Java exception the render fails with. */
  expected?: string;
  error?: string;
  velocity?: boolean;
}

const STORE = `{"store":{"book":[{"category":"reference","author":"Nigel Rees","title":"Sayings of the Century","price":8.95},{"category":"fiction","author":"Evelyn Waugh","title":"Sword of Honour","price":12.99},{"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553-21311-3","price":8.99},{"category":"fiction","author":"J. R. R. Tolkien","title":"The Lord of the Rings","isbn":"0-395-19395-8","price":22.99}],"bicycle":{"color":"red","price":19.95}},"expensive":10}`;
const ORDER = `{"orderId":"A-100","customer":{"name":"Zoë O'Hara","email":"zoe@example.com"},"items":[{"sku":"X1","qty":2,"price":10.5},{"sku":"Y2","qty":1,"price":3.0}],"paid":false,"notes":"Leave at door\\nRing twice"}`;
const CONTEXT = {
  requestId: "req-123",
  httpMethod: "POST",
  stage: "prod",
  resourcePath: "/orders/{id}",
  identity: { sourceIp: "198.51.100.7", userAgent: "curl/8.0" },
  authorizer: { principalId: "user-9", claims: { sub: "sub-1", email: "a@b.c", "cognito:groups": "admin" }, tenant: "t1" },
};
const PARAMS = { path: { id: "42" }, querystring: { limit: "10", q: "a b&c" }, header: { Accept: "application/json", "X-Trace": "t-1" } };

const CASES: Case[] = [
  { name: "body raw", template: "$input.body", body: '{"a" : 1}', expected: '{"a" : 1}', velocity: true },
  { name: "body empty is {}", template: "$input.body|$input.json('$')|$input.path('$').size()", expected: "{}|{}|0", velocity: true },
  { name: "json root", template: "$input.json('$')", body: ' { "a" : [ 1, 2 ], "b" : "x" } ', expected: '{"a":[1,2],"b":"x"}', velocity: true },
  { name: "json string keeps quotes", template: "$input.json('$.customer.name')", body: ORDER, expected: '"Zoë O\'Hara"', velocity: true },
  { name: "json number", template: "$input.json('$.items[0].price')", body: ORDER, expected: "10.5", velocity: true },
  { name: "json escapes control chars", template: "$input.json('$.notes')", body: ORDER, expected: '"Leave at door\\nRing twice"', velocity: true },
  {
    name: "json wildcard",
    template: "$input.json('$.store.book[*].author')",
    body: STORE,
    expected: '["Nigel Rees","Evelyn Waugh","Herman Melville","J. R. R. Tolkien"]',
  },
  { name: "json deep scan", template: "$input.json('$..price')", body: STORE, expected: "[8.95,12.99,8.99,22.99,19.95]" },
  { name: "json filter", template: "$input.json('$.store.book[?(@.price < 10)].title')", body: STORE, expected: '["Sayings of the Century","Moby Dick"]' },
  { name: "json filter on existence", template: "$input.json('$.store.book[?(@.isbn)].isbn')", body: STORE, expected: '["0-553-21311-3","0-395-19395-8"]' },
  {
    name: "json filter regex full match",
    template: "$input.json('$.store.book[?(@.author =~ /.*tolkien/i)].title') $input.json('$.store.book[?(@.author =~ /Tolkien/)].title')",
    body: STORE,
    expected: '["The Lord of the Rings"] []',
  },
  {
    name: "json filter and/or and root reference",
    template: "$input.json('$.store.book[?(@.category == \"fiction\" && @.price > $.expensive)].title')",
    body: STORE,
    expected: '["Sword of Honour","The Lord of the Rings"]',
  },
  { name: "json filter negated existence", template: "$input.json('$.store.book[?(!@.isbn)].author')", body: STORE, expected: '["Nigel Rees","Evelyn Waugh"]' },
  { name: "json filter in list", template: "$input.json(\"$.store.book[?(@.category in ['reference'])].author\")", body: STORE, expected: '["Nigel Rees"]' },
  {
    name: "path filter in foreach",
    template: "#foreach($b in $input.path('$.store.book[?(@.price > 10)]'))$b.title|#end",
    body: STORE,
    expected: "Sword of Honour|The Lord of the Rings|",
  },
  { name: "json slice", template: "$input.json('$.store.book[1:3].title')", body: STORE, expected: '["Sword of Honour","Moby Dick"]' },
  { name: "json negative index", template: "$input.json('$.store.book[-1].title')", body: STORE, expected: '"The Lord of the Rings"' },
  { name: "json bracket notation", template: "$input.json(\"$['store']['bicycle']['color']\")", body: STORE, expected: '"red"', velocity: true },
  {
    name: "json missing is an empty JSON string",
    template: "$input.json('$.nope')|$input.json('$.store.nope')",
    body: STORE,
    expected: '""|""',
    velocity: true,
  },
  { name: "path map prints Java style", template: "$input.path('$.store.bicycle')", body: STORE, expected: "{color=red, price=19.95}", velocity: true },
  { name: "path list prints JSON", template: "$input.path('$.store.book[*].category')", body: STORE, expected: '["reference","fiction","fiction","fiction"]' },
  { name: "path size of wildcard", template: "$input.path('$.store.book[*]').size()", body: STORE, expected: "4" },
  {
    name: "path number types",
    template: "$input.path('$.expensive') $input.path('$.store.bicycle.price') $input.path('$.items[1].price')",
    body: '{"store":{"book":[{"category":"reference","author":"Nigel Rees","title":"Sayings of the Century","price":8.95},{"category":"fiction","author":"Evelyn Waugh","title":"Sword of Honour","price":12.99},{"category":"fiction","author":"Herman Melville","title":"Moby Dick","isbn":"0-553-21311-3","price":8.99},{"category":"fiction","author":"J. R. R. Tolkien","title":"The Lord of the Rings","isbn":"0-395-19395-8","price":22.99}],"bicycle":{"color":"red","price":19.95}},"expensive":10,"items":[{"price":1},{"price":3.0}]}',
    expected: "10 19.95 3.0",
    velocity: true,
  },
  { name: "path boolean in if", template: "#if($input.path('$.paid'))paid#{else}unpaid#end", body: ORDER, expected: "unpaid", velocity: true },
  { name: "path missing is empty", template: "[$input.path('$.nothing')]", body: ORDER, expected: "[]", velocity: true },
  { name: "path chained properties", template: "$input.path('$').customer.email", body: ORDER, expected: "zoe@example.com", velocity: true },
  {
    name: "path toString contains",
    template: "#if($input.path('$').toString().contains(\"O'Hara\"))found#end",
    body: ORDER,
    expected: "found",
    velocity: true,
  },
  {
    name: "big integers stay exact",
    template: "$input.path('$.id') $input.json('$')",
    body: '{"id":12345678901234567890}',
    expected: '12345678901234567890 {"id":12345678901234567890}',
    velocity: true,
  },
  { name: "decimal keeps .0", template: "$input.path('$.p') $input.json('$.p')", body: '{"p":10.00}', expected: "10.0 10.0", velocity: true },
  {
    name: "unicode body",
    template: "$input.path('$.s') $input.json('$.s')",
    body: '{"s":"héllo \\u2028 ✓"}',
    expected: 'héllo   ✓ "héllo \\u2028 ✓"',
    velocity: true,
  },
  {
    name: "params precedence",
    template: "$input.params('id') $input.params('limit') $input.params('Accept')",
    params: PARAMS,
    expected: "42 10 application/json",
    velocity: true,
  },
  { name: "params missing empty", template: "[$input.params('zzz')]", params: PARAMS, expected: "[]", velocity: true },
  {
    name: "params map",
    template: "$input.params()",
    params: PARAMS,
    expected: "{path={id=42}, querystring={limit=10, q=a b&c}, header={Accept=application/json, X-Trace=t-1}}",
    velocity: true,
  },
  {
    name: "params querystring loop",
    template: "#foreach($k in $input.params().querystring.keySet())$k=$util.urlEncode($input.params().querystring.get($k))#if($foreach.hasNext)&#end#end",
    params: PARAMS,
    expected: "limit=10&q=a+b%26c",
    velocity: true,
  },
  { name: "params header by name", template: "$input.params().header.get('X-Trace')", params: PARAMS, expected: "t-1", velocity: true },
  {
    name: "params escapeJavaScript",
    template: "\"$util.escapeJavaScript($input.params('q'))\"",
    params: { querystring: { q: 'it\'s "x"' } },
    expected: '"it\\\'s \\"x\\""',
    velocity: true,
  },
  {
    name: "context fields",
    template: "$context.requestId $context.httpMethod $context.stage $context.resourcePath",
    context: CONTEXT,
    expected: "req-123 POST prod /orders/{id}",
    velocity: true,
  },
  {
    name: "context identity",
    template: "$context.identity.sourceIp / $context.identity.userAgent",
    context: CONTEXT,
    expected: "198.51.100.7 / curl/8.0",
    velocity: true,
  },
  {
    name: "context claims",
    template: "$context.authorizer.claims.sub $context.authorizer.claims['cognito:groups'] $context.authorizer.principalId $context.authorizer.tenant",
    context: CONTEXT,
    expected: "sub-1 admin user-9 t1",
    velocity: true,
  },
  { name: "context missing empty", template: "[$context.nope][$context.identity.nope]", context: CONTEXT, expected: "[][]", velocity: true },
  {
    name: "stage variables",
    template: "$stageVariables.table ${stageVariables.env} $stageVariables['table']",
    stageVariables: { table: "Orders", env: "dev" },
    expected: "Orders dev Orders",
    velocity: true,
  },
  { name: "stage variable missing", template: "[$stageVariables.nope]", expected: "[]", velocity: true },
  {
    name: "stage variables loop",
    template: "#foreach($k in $stageVariables.keySet())$k:$stageVariables.get($k);#end",
    stageVariables: { a: "1", b: "2" },
    expected: "a:1;b:2;",
    velocity: true,
  },
  { name: "escapeJavaScript quotes and slash", template: "$util.escapeJavaScript('it''s a \"/\" path')", expected: 'it\\\'s a \\"\\/\\" path', velocity: true },
  {
    name: "escapeJavaScript control and unicode",
    template: "$util.escapeJavaScript($input.path('$.notes')) $util.escapeJavaScript($input.path('$.customer.name'))",
    body: ORDER,
    expected: "Leave at door\\nRing twice Zo\\u00EB O\\'Hara",
    velocity: true,
  },
  {
    name: "escapeJavaScript with replaceAll fix",
    template: '{"name": "$util.escapeJavaScript($input.path(\'$.customer.name\')).replaceAll("\\\\\'","\'")"}',
    body: ORDER,
    expected: '{"name": "Zo\\u00EB O\'Hara"}',
    velocity: true,
  },
  {
    name: "escapeJavaScript of json",
    template: "\"$util.escapeJavaScript($input.json('$.items[0]'))\"",
    body: ORDER,
    expected: '"{\\"sku\\":\\"X1\\",\\"qty\\":2,\\"price\\":10.5}"',
    velocity: true,
  },
  { name: "urlEncode", template: '$util.urlEncode("a b+c/d?e=f&g=é*~")', expected: "a+b%2Bc%2Fd%3Fe%3Df%26g%3D%C3%A9*%7E", velocity: true },
  { name: "urlDecode", template: '$util.urlDecode("a+b%2Bc%2Fd%3F%C3%A9")', expected: "a b+c/d?é", velocity: true },
  {
    name: "base64 round trip",
    template: '#set($e = $util.base64Encode("user:pässword"))$e $util.base64Decode($e)',
    expected: "dXNlcjpww6Rzc3dvcmQ= user:pässword",
    velocity: true,
  },
  {
    name: "parseJson navigate",
    template: "#set($o = $util.parseJson($input.path('$.payload')))$o.a.b[1] $o.a.c",
    body: '{"payload":"{\\"a\\":{\\"b\\":[10,20],\\"c\\":\\"x\\"}}"}',
    expected: "20 x",
    velocity: true,
  },
  { name: "parseJson of array", template: '#set($l = $util.parseJson(\'[1,{"k":"v"}]\'))$l.size() $l[1].k $l', expected: '2 v [1,{"k":"v"}]', velocity: true },
  { name: "base64Decode invalid throws", template: '$util.base64Decode("***")', error: "java.lang.IllegalArgumentException: Illegal base64 character 2a" },
  {
    name: "urlDecode invalid throws",
    template: '$util.urlDecode("%zz")',
    error: "java.lang.IllegalArgumentException: URLDecoder: Illegal hex characters in escape (%) patte",
  },
  {
    name: "response status override",
    template: '#set($context.responseOverride.status = 404){"error":"not found"}',
    expected: '{"error":"not found"}',
    velocity: true,
  },
  {
    name: "response header override",
    template: '#set($context.responseOverride.header.X-Id = "$context.requestId")ok',
    context: CONTEXT,
    expected: "ok",
    velocity: true,
  },
  {
    name: "request overrides",
    template:
      '#set($context.requestOverride.header.X-Tenant = "t")#set($context.requestOverride.querystring.page = "2")#set($context.requestOverride.path.id = "9")done',
    expected: "done",
    velocity: true,
  },
  {
    name: "override set twice fails",
    template: "#set($context.responseOverride.status = 400)#set($context.responseOverride.status = 500)",
    error: "java.lang.IllegalStateException: $context.responseOverride.status has already been set; an",
  },
  {
    name: "AWS docs example 5",
    template: '{"id":"$input.params(\'id\')","count":"$input.path(\'$.things\').size()","things":$input.json(\'$.things\')}',
    body: '{"things":{"1":{},"2":{},"3":{}}}',
    params: { path: { id: "123" } },
    expected: '{"id":"123","count":"3","things":{"1":{},"2":{},"3":{}}}',
    velocity: true,
  },
  {
    name: "order to DynamoDB PutItem",
    template:
      '#set($o = $input.path(\'$\'))\n{\n  "TableName": "$stageVariables.table",\n  "Item": {\n    "orderId": {"S": "$o.orderId"},\n    "customer": {"S": "$util.escapeJavaScript($o.customer.name).replaceAll("\\\\\'","\'")"},\n    "items": {"L": [\n#foreach($i in $o.items)\n      {"M": {"sku": {"S": "$i.sku"}, "qty": {"N": "$i.qty"}}}#if($foreach.hasNext),#end\n\n#end\n    ]}\n  }\n}',
    body: ORDER,
    stageVariables: { table: "Orders" },
    expected:
      '{\n  "TableName": "Orders",\n  "Item": {\n    "orderId": {"S": "A-100"},\n    "customer": {"S": "Zo\\u00EB O\'Hara"},\n    "items": {"L": [\n      {"M": {"sku": {"S": "X1"}, "qty": {"N": "2"}}},\n      {"M": {"sku": {"S": "Y2"}, "qty": {"N": "1"}}}\n    ]}\n  }\n}',
    velocity: true,
  },
  {
    name: "sum with foreach",
    template: "#set($total = 0)#foreach($i in $input.path('$.items'))#set($total = $total + $i.qty * $i.price)#end$total",
    body: ORDER,
    expected: "24.0",
    velocity: true,
  },
  { name: "count qty", template: "#set($n = 0)#foreach($i in $input.path('$.items'))#set($n = $n + $i.qty)#end$n", body: ORDER, expected: "3", velocity: true },
  {
    name: "lambda error mapping",
    template:
      '#set($err = $util.parseJson($input.path(\'$.errorMessage\')))\n#if($err.type == "Validation")\n#set($context.responseOverride.status = 400)\n#end\n{"message": "$err.message"}',
    body: '{"errorMessage":"{\\"type\\":\\"Validation\\",\\"message\\":\\"bad qty\\"}"}',
    expected: '{"message": "bad qty"}',
    velocity: true,
  },
  {
    name: "form body to JSON",
    template:
      '{#foreach($pair in $input.body.split("&"))#set($kv = $pair.split("="))"$util.urlDecode($kv[0])": "$util.urlDecode($kv[1])"#if($foreach.hasNext), #end#end}',
    body: "name=Ann+Lee&city=S%C3%A3o+Paulo",
    expected: '{"name": "Ann Lee", "city": "São Paulo"}',
    velocity: true,
  },
  {
    name: "SQS SendMessage form",
    template: "Action=SendMessage&MessageBody=$util.urlEncode($input.body)",
    body: '{"a":"b c"}',
    expected: "Action=SendMessage&MessageBody=%7B%22a%22%3A%22b+c%22%7D",
    velocity: true,
  },
  {
    name: "mock integration status",
    template: '{#if($input.params(\'scope\') == "internal")"statusCode": 200#{else}"statusCode": 500#end}',
    params: { querystring: { scope: "internal" } },
    expected: '{"statusCode": 200}',
    velocity: true,
  },
  {
    name: "response passthrough with status",
    template: '#set($r = $input.path(\'$\'))$input.json("$")\n#if($r.toString().contains("error"))\n#set($context.responseOverride.status = 400)\n#end',
    body: '{"errors":[{"message":"out of range"}]}',
    expected: '{"errors":[{"message":"out of range"}]}\n',
    velocity: true,
  },
  {
    name: "xml response",
    template: "#set($b = $input.path('$.store.bicycle'))<bike color=\"$b.color\"><price>$b.price</price></bike>",
    body: STORE,
    expected: '<bike color="red"><price>19.95</price></bike>',
    velocity: true,
  },
  {
    name: "key-value from map entries",
    template: "#foreach($e in $input.path('$.store.bicycle').entrySet())$e.key=$e.value#if($foreach.hasNext),#end#end",
    body: STORE,
    expected: "color=red,price=19.95",
    velocity: true,
  },
  {
    name: "filter inside loop",
    template: "#foreach($b in $input.path('$.store.book'))#if($b.price > 10)$b.title;#end#end",
    body: STORE,
    expected: "Sword of Honour;The Lord of the Rings;",
    velocity: true,
  },
  {
    name: "isbn present check",
    template: "#foreach($b in $input.path('$.store.book'))#if($b.isbn)$b.isbn#{else}-#end #end",
    body: STORE,
    expected: "- - 0-553-21311-3 0-395-19395-8 ",
    velocity: true,
  },
  {
    name: "json array from loop",
    template: "[#foreach($b in $input.path('$.store.book'))\"$b.author.toUpperCase()\"#if($foreach.hasNext),#end#end]",
    body: STORE,
    expected: '["NIGEL REES","EVELYN WAUGH","HERMAN MELVILLE","J. R. R. TOLKIEN"]',
    velocity: true,
  },
  { name: "set and interpolate", template: '#set($name = "World")Hello, $name! Hello, ${name}!', expected: "Hello, World! Hello, World!", velocity: true },
  { name: "quiet reference", template: '#set($x = "")[$!x][$!undefinedThing]', expected: "[][]", velocity: true },
  {
    name: "if elseif chain",
    template: "#foreach($n in [0, 5, 50])#if($n == 0)zero#elseif($n < 10)small#{else}big#end #end",
    expected: "zero small big ",
    velocity: true,
  },
  {
    name: "logical operators",
    template: "#set($a = true)#set($b = false)#if($a && !$b)1#end#if($a || $b)2#end#if(!($a && $b))3#end",
    expected: "123",
    velocity: true,
  },
  { name: "comparisons with strings", template: '#if("abc" < "abd")lt#{else}no-order#end', expected: "no-order", velocity: true },
  {
    name: "foreach index and hasNext",
    template: '#foreach($c in ["x","y","z"])$foreach.index:$c#if($foreach.hasNext),#end#end',
    expected: "0:x,1:y,2:z",
    velocity: true,
  },
  { name: "foreach nested loops", template: '#foreach($r in [1,2])#foreach($c in ["a","b"])$r$c #end#end', expected: "1a 1b 2a 2b ", velocity: true },
  { name: "foreach break", template: "#foreach($i in [1..100])#if($i == 4)#break#end$i#end", expected: "123", velocity: true },
  { name: "foreach over map values", template: '#set($m = {"a": 1, "b": 2})#foreach($v in $m)$v#end', expected: "12", velocity: true },
  { name: "foreach over keySet", template: '#set($m = {"a": 1, "b": 2})#foreach($k in $m.keySet())$k=$m.get($k) #end', expected: "a=1 b=2 ", velocity: true },
  { name: "range descending", template: "#foreach($i in [3..0])$i#end", expected: "3210", velocity: true },
  {
    name: "macro definition and call",
    template: '#macro(tag $name $value)<$name>$value</$name>#end#tag("a" "1")#tag("b", 2)',
    expected: "<a>1</a><b>2</b>",
    velocity: true,
  },
  {
    name: "macro recursion",
    template: "#macro(countdown $n)$n #if($n > 0)#set($m = $n - 1)#countdown($m)#end#end#countdown(3)",
    expected: "3 2 1 0 ",
    velocity: true,
  },
  {
    name: "define block",
    template: '#define($greeting)Hi $who#end#set($who = "A")$greeting, #set($who = "B")$greeting',
    expected: "Hi A, Hi B",
    velocity: true,
  },
  { name: "evaluate string", template: '#set($tpl = "#foreach($i in [1,2])[$i]#end")#evaluate($tpl)', expected: "[1][2]", velocity: true },
  { name: "literal block", template: "#[[#set($x = 1) $x]]#", expected: "#set($x = 1) $x", velocity: true },
  { name: "line comment", template: "a## gone\nb", expected: "ab", velocity: true },
  { name: "block comment", template: "a#* gone\n still gone *#b", expected: "ab", velocity: true },
  { name: "escaped reference", template: "#set($a = 1)\\$a \\$b", expected: "$a \\$b", velocity: true },
  { name: "escaped directive", template: "\\#if(true)text\\#end", expected: "#if(true)text#end", velocity: true },
  { name: "dollar sign text", template: "Price: $5.00, 100$ and $ alone", expected: "Price: $5.00, 100$ and $ alone", velocity: true },
  { name: "hash text", template: "Color #ff0000 and #1 and # alone", expected: "Color #ff0000 and #1 and # alone", velocity: true },
  { name: "whitespace: set lines vanish", template: '{\n#set($a = 1)\n#set($b = 2)\n"a": $a,\n"b": $b\n}', expected: '{\n"a": 1,\n"b": 2\n}', velocity: true },
  { name: "whitespace: if block lines vanish", template: '[\n#if(true)\n"yes"\n#end\n]', expected: '[\n"yes"\n]', velocity: true },
  { name: "whitespace: indented directives", template: "[\n  #foreach($i in [1,2])\n  $i\n  #end\n]", expected: "[\n    1\n    2\n  ]", velocity: true },
  { name: "string methods chain", template: '#set($s = "  Hello World  ")$s.trim().toLowerCase().replace(" ", "-")', expected: "hello-world", velocity: true },
  { name: "substring and length", template: '#set($s = "abcdef")$s.substring(2) $s.substring(1, 3) $s.length()', expected: "cdef bc 6", velocity: true },
  {
    name: "indexOf and contains",
    template: '#set($s = "a,b,c")$s.indexOf(",") $s.lastIndexOf(",") $s.contains("b") $s.startsWith("a,")',
    expected: "1 3 true true",
    velocity: true,
  },
  {
    name: "replaceAll regex groups",
    template: '#set($s = "2024-01-31")$s.replaceAll("(\\d+)-(\\d+)-(\\d+)", "$3/$2/$1")',
    expected: "31/01/2024",
    velocity: true,
  },
  {
    name: "split and join",
    template: '#set($s = "a|b|c")#set($parts = $s.split("\\|"))#foreach($p in $parts)$p#if($foreach.hasNext)+#end#end',
    expected: "a+b+c",
    velocity: true,
  },
  {
    name: "split trailing empties removed",
    template: '#set($s = ",a,,b,,")#set($p = $s.split(","))$p.size() [$p[0]] $p[3]',
    expected: "4 [] b",
    velocity: true,
  },
  { name: "split with limit keeps empties", template: '#set($s = "a,b,,")#set($p = $s.split(",", -1))$p.size()', expected: "4", velocity: true },
  { name: "matches", template: '#set($e = "user@example.com")$e.matches("[^@]+@[^@]+\\.[a-z]+") $e.matches("x")', expected: "true false", velocity: true },
  { name: "equalsIgnoreCase", template: '#set($m = "post")$m.equalsIgnoreCase("POST") $m.equals("POST")', expected: "true false", velocity: true },
  { name: "charAt", template: '#set($s = "xyz")$s.charAt(1)', expected: "y", velocity: true },
  { name: "toUpperCase first letter", template: '#set($s = "hello")$s.substring(0,1).toUpperCase()$s.substring(1)', expected: "Hello", velocity: true },
  {
    name: "list operations",
    template: '#set($l = ["b", "a"])#set($ok = $l.add("c"))$l $l.size() $l.get(2) $l.contains("a") $l.indexOf("a")',
    expected: "[b, a, c] 3 c true 1",
    velocity: true,
  },
  { name: "list remove and isEmpty", template: "#set($l = [1])#set($x = $l.remove(0))$x $l.isEmpty()", expected: "1 true", velocity: true },
  {
    name: "map operations",
    template: '#set($m = {})#set($ok = $m.put("k", "v"))$m $m.size() $m.containsKey("k") $m.get("k") $m.k',
    expected: "{k=v} 1 true v v",
    velocity: true,
  },
  { name: "map printing nested", template: '#set($m = {"a": [1, 2], "b": {"c": true}})$m', expected: "{a=[1, 2], b={c=true}}", velocity: true },
  { name: "list printing", template: '#set($l = [1, "two", 3.5, true, [4]])$l', expected: "[1, two, 3.5, true, [4]]", velocity: true },
  { name: "integer division and modulo", template: "#set($a = 17)#set($q = $a / 5)#set($r = $a % 5)$q $r", expected: "3 2", velocity: true },
  { name: "double arithmetic", template: "#set($x = 0.1 + 0.2)$x|#set($y = 1.5 * 2)$y", expected: "0.30000000000000004|3.0", velocity: true },
  { name: "mixed int and double", template: "#set($x = 3 / 2.0)$x|#set($y = 2 + 0.5)$y", expected: "1.5|2.5", velocity: true },
  { name: "large numbers", template: "#set($x = 100000 * 100000)$x|#set($y = 1.0E7)$y", expected: "10000000000|1.0E7", velocity: true },
  { name: "number comparison int vs double", template: "#if(2 == 2.0)eq#end #if(3 > 2.5)gt#end", expected: "eq gt", velocity: true },
  { name: "string concatenation", template: '#set($s = "a" + 1 + 2)$s|#set($t = 1 + 2 + "a")$t', expected: "a12|3a", velocity: true },
  { name: "set with null keeps old", template: '#set($v = "old")#set($v = $missing)$v', expected: "old", velocity: true },
  { name: "stop directive", template: "one #stop two", expected: "one ", velocity: true },
  { name: "size of string via length", template: '#set($s = "héllo")$s.length()', expected: "5", velocity: true },
  { name: "boolean printing", template: "#set($t = true)$t|#set($f = !$t)$f", expected: "true|false", velocity: true },
  { name: "set indentation after text kept", template: "a\n  #set($x = 1)\nb$x", expected: "a\n  b1", velocity: true },
  { name: "whitespace after reference before set eaten", template: "#set($a = 1)$a  #set($b = 2)$b", expected: "12", velocity: true },
  { name: "integer overflow widens to long", template: "#set($i = 2147483647)#set($j = $i + 1)$j", expected: "2147483648", velocity: true },
  { name: "division by zero leaves value", template: "#set($r = 1)#set($r = 5 / 0)$r", expected: "1", velocity: true },
  { name: "string compareTo", template: '#set($a = "b")$a.compareTo("a") $a.compareTo("c")', expected: "1 -1", velocity: true },
  { name: "replaceFirst", template: '#set($s = "aaa")$s.replaceFirst("a", "b")', expected: "baa", velocity: true },
  { name: "empty list and map", template: "#set($l = [])#set($m = {})$l $m $l.size() $m.isEmpty()", expected: "[] {} 0 true", velocity: true },
];

describe("template corpus", () => {
  it("has at least 100 distinct cases", () => {
    expect(CASES.length).toBeGreaterThanOrEqual(100);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  // Every case both compiled (renderTemplate) and by the AST interpreter the compiler must match.
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    for (const render of [renderTemplate, renderTemplateInterpreted]) {
      const run = () =>
        render({
          template: c.template,
          body: c.body ?? "",
          params: { path: c.params?.path ?? {}, querystring: c.params?.querystring ?? {}, header: c.params?.header ?? {} },
          context: c.context ?? {},
          stageVariables: c.stageVariables ?? {},
        }).output;
      if (c.error === undefined) {
        expect(run()).toBe(c.expected);
        continue;
      }
      let err: unknown;
      try {
        run();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(TemplateError);
      expect((err as TemplateError).message).toContain(c.error);
    }
  });
});
