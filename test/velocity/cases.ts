/**
 * Templates rendered by both Apache Velocity 1.7 (test/velocity/Harness.java) and our engine.
 * Inputs are chosen so both sides see the same Java values: `context` is plain data (objects →
 * LinkedHashMap, arrays → ArrayList, integers → Integer/Long, decimals → Double — so no `2.0`
 * in context data, which JavaScript cannot tell from `2`), `body` is the JSON payload behind
 * `$input.path`/`$input.json` (arrays there are json-smart JSONArrays that print as JSON).
 *
 * Left out on purpose, because API Gateway is known to differ from plain Velocity there:
 * - an unresolvable/null reference prints nothing on AWS, the literal `$x` in Velocity — the
 *   harness installs a ReferenceInsertionEventHandler mapping null to "" to model AWS, and
 *   cases with null references inside string concatenation (`"a" + $null`, where Velocity
 *   uses the literal) are kept because that is Velocity behaviour AWS inherits;
 * - `$input.body` of an empty body (`{}` on AWS) is not compared;
 * - `$input.path` of a path the payload does not have is "" in the harness, as on AWS (see
 *   lib/template/null-path.test.ts for the sources); the cases below check what Velocity 1.7
 *   then does with that empty String and with a JSON null (==, !=, #if, #set, methods, #foreach);
 * - `$util` functions given null (AWS's own implementation; not observable here);
 * - `$x.class` / `getClass()` (AWS's SecureUberspector blocks them);
 * - macro arguments passed by name (Velocity 1.7 re-evaluates them; our engine passes values —
 *   a documented difference; no case depends on re-evaluation).
 */

export interface VelocityCase {
  name: string;
  template: string;
  body?: string;
  params?: { path?: Record<string, string>; querystring?: Record<string, string>; header?: Record<string, string> };
  context?: Record<string, unknown>;
  stageVariables?: Record<string, string>;
}

const c = (name: string, template: string, extra: Omit<VelocityCase, "name" | "template"> = {}): VelocityCase => ({ name, template, ...extra });

const pets = `{"pets":[{"id":1,"type":"dog","price":249.99,"tags":["a","b"]},{"id":2,"type":"cat","price":124.5,"tags":[]},{"id":3,"type":"fish","price":0.99,"tags":["c"]}],"owner":{"name":"Ann O'Neil","age":42,"vip":true,"note":null}}`;
const data = {
  s: "Hello, World",
  n: 42,
  neg: -7,
  d: 2.5,
  list: ["a", "b", "c"],
  nums: [3, 1, 2],
  map: { k1: "v1", k2: 2, k3: [1, 2] },
  empty: "",
  t: true,
  f: false,
};

export const VELOCITY_CASES: VelocityCase[] = [
  // ---- #set and references --------------------------------------------------
  c("set and print", `#set($a = "x")$a|${"$"}{a}|$!a`),
  c("set number and bool", `#set($i = 5)#set($b = true)$i $b`),
  c("set list literal", `#set($l = [1, "two", 3])$l $l.size()`),
  c("set map literal", `#set($m = {"a": 1, "b": "two"})$m $m.a $m.get("b")`),
  c("set range", `#set($r = [1..4])$r #set($r2 = [3..1])$r2`),
  c("set from null keeps value", `#set($a = "keep")#set($a = $nothing)$a`),
  c("null reference prints nothing", `[$nothing][$!nothing][${"$"}{nothing}][$nothing.deeper]`),
  c("set map property", `#set($m = {})#set($m.x = 1)#set($m["y"] = 2)$m`),
  c("set list index", `#set($l = [1, 2, 3])#set($l[1] = "b")$l`),
  c("formal reference followed by text", `#set($n = "file")${"$"}{n}name.txt $n.txt`),
  c("dollar not a reference", `$ 5 $$ $1 $- $.`),
  c("hyphen in identifiers", `#set($a-b = "x")$a-b $a -b`),
  c("interpolated string", `#set($who = "you")#set($s = "hi $who, ${"$"}{who}!")$s`),
  c("single-quoted is literal", `#set($who = "you")#set($s = 'hi $who')$s`),
  c("doubled quotes in strings", `#set($s = "say ""hi""")#set($t = 'it''s')$s $t`),
  c("string with directive inside", `#set($x = 2)#set($s = "#if($x > 1)big#{else}small#end")$s`),
  c("unicode escape in string literal", `#set($s = "caf\\u00e9")$s`),

  // ---- #if ---------------------------------------------------------------
  c("if elseif else", `#foreach($v in [1, 5, 10])#if($v < 3)low#elseif($v < 8)mid#{else}high#end #end`),
  c("if on null, empty, false", `#if($nothing)a#end#if($context.empty)b#end#if($context.f)c#end#if(!$nothing)d#end`, { context: data }),
  c("if on non-boolean values", `#if($context.list)list#end #if($context.n)n#end #if("")empty-literal#end`, { context: data }),
  c("comparison operators", `#set($a = 3)#if($a == 3)eq #end#if($a != 4)ne #end#if($a > 2 && $a >= 3)gt #end#if($a < 4 || false)lt #end#if($a <= 3)le#end`),
  c("word operators", `#set($a = 3)#if($a eq 3 and $a ne 4)1#end#if($a gt 2 or $a lt 0)2#end#if(not false)3#end#if($a ge 3 && $a le 3)4#end`),
  c("string equality and number/string compare", `#if("a" == "a")1#end#if("1" == 1)2#end#if($context.n == "42")3#end#if($context.n == 42.0)4#end`, {
    context: data,
  }),
  c("compare lists and maps", `#if([1,2] == [1,2])L#end#if({"a":1} == {"a":1})M#end`),
  c("null comparisons", `#if($nothing == $nothing2)nn#end#if($nothing != "x")nx#end`),
  c("nested if", `#set($a = 1)#set($b = 2)#if($a == 1)#if($b == 2)both#{else}a#end#end`),

  // ---- #foreach ------------------------------------------------------------
  c("foreach list with hasNext", `[#foreach($x in $context.list)"$x"#if($foreach.hasNext),#end#end]`, { context: data }),
  c("foreach index count first last", `#foreach($x in ["a","b","c"])$foreach.index/$foreach.count/$foreach.first/$foreach.last #end`),
  c("foreach velocityCount", `#foreach($x in [7,8])$velocityCount:$x #end`),
  c("foreach map iterates values", `#foreach($v in $context.map)$v;#end`, { context: data }),
  c("foreach keySet", `#foreach($k in $context.map.keySet())$k=$context.map.get($k);#end`, { context: data }),
  c("foreach entrySet", `#foreach($e in $context.map.entrySet())$e.key:$e.value $e #end`, { context: data }),
  c("foreach nested with parent", `#foreach($a in [1,2])#foreach($b in ["x","y"])$a$b($foreach.parent.index) #end#end`),
  c("foreach break", `#foreach($i in [1..10])#if($i > 3)#break#end$i #end`),
  c("foreach over null and string", `#foreach($x in $nothing)no#end#foreach($x in "abc")no#end.`),
  c("foreach restores the variable", `#set($x = "outer")#foreach($x in [1,2])#end$x`),
  c("foreach over range variable", `#set($n = 3)#foreach($i in [1..$n])$i#end`),
  c("foreach over payload array", `#foreach($p in $input.path('$.pets'))$p.id:$p.type:$p.price #end`, { body: pets }),
  c("foreach building JSON", `{"items":[#foreach($p in $input.path('$.pets')){"id":$p.id,"tags":$p.tags}#if($foreach.hasNext),#end#end]}`, { body: pets }),

  // ---- whitespace rules --------------------------------------------------
  c("set eats its line", `a\n#set($x = 1)\nb\n  #set($y = 2)\nc`),
  c("indented set keeps nothing before it", `{\n    #set($v = "x")\n    "k": "$v"\n}`),
  c("if/else/end lines", `start\n#if(true)\n  yes\n#else\n  no\n#end\nend`),
  c("indented directives keep indentation", `[\n  #foreach($i in [1,2])\n  $i\n  #end\n]`),
  c("foreach trailing spaces before newline", `#foreach($i in [1,2])   \n$i\n#end   \nafter`),
  c("end followed by text on the line", `#if(true)a#end b\nc`),
  c("comment lines", `a ## comment\nb\n## whole line\nc #* block\n comment *# d`),
  c("block comment does not eat newline", `x\n#* c *#\ny`),
  c("CRLF line endings", `#set($a = 1)\r\nline $a\r\n#if(true)\r\nin\r\n#end\r\nout`),
  c("else without braces before text", `#if(false)a#{else}b#end|#if(false)a#else b#end`),

  // ---- escapes -----------------------------------------------------------
  c("escaped reference defined", `#set($x = "v")\\$x \\\\$x \\\\\\$x`),
  c("escaped reference undefined", `\\$y \\\\$y`),
  c("escaped directives", `\\#if(true)x\\#end \\#set($a = 1) \\#foreach`),
  c("hash without directive", `# #1 #not-a-directive #{notdirective} a#b`),
  c("literal block", `#[[ $notparsed #if(x) ]]# done`),
  c("backslashes in text", `a\\b \\\\ \\n c:\\path`),
  c("quiet and formal quiet", `$!{nothing}x$!nothing.y`),
  c("dollar in JSON text", `{"price": "$5", "re": "^a$"}`),

  // ---- macros --------------------------------------------------------------
  c("macro with args", `#macro(greet $name $punct)Hello, $name$punct#end#greet("Ann" "!") #greet("Bob", "?")`),
  c("macro missing arg", `#macro(m $a $b)[$a|$b]#end#m("x")`),
  c("macro calling macro", `#macro(inner $v)<$v>#end#macro(outer $v)#inner($v)#inner("$v$v")#end#outer("z")`),
  c("macro with list arg", `#macro(join $l)#foreach($x in $l)$x#if($foreach.hasNext)-#end#end#end#join(["a","b","c"])`),
  c("macro local set leaks to global", `#macro(setit)#set($g = "set in macro")#end#setit()$g`),
  c("macro whitespace", `#macro(m $a)\n<$a>\n#end\n#m(1)\n#m(2)\nend`),

  // ---- #define, #evaluate, #stop ----------------------------------------------
  c("define block", `#set($who = "a")#define($blk)[$who]#end$blk #set($who = "b")$blk`),
  c("evaluate", `#set($t = "#set($q = 5)q=$q")#evaluate($t) after=$q`),
  c("stop", `before#stop after`),

  // ---- String methods ------------------------------------------------------------
  c("string basics", `$context.s.length() $context.s.toUpperCase() $context.s.toLowerCase() $context.s.isEmpty() $context.empty.isEmpty()`, { context: data }),
  c(
    "substring and indexOf",
    `$context.s.substring(7) $context.s.substring(0, 5) $context.s.indexOf("o") $context.s.indexOf("o", 5) $context.s.lastIndexOf("o") $context.s.indexOf("zz")`,
    { context: data },
  ),
  c("contains startsWith endsWith", `$context.s.contains("World") $context.s.startsWith("Hell") $context.s.endsWith("x") $context.s.startsWith("World", 7)`, {
    context: data,
  }),
  c(
    "replace and replaceAll",
    `$context.s.replace("l", "L") $context.s.replaceAll("[aeiou]", "*") $context.s.replaceFirst("l+", "_") $context.s.replaceAll("(\\w+), (\\w+)", "$2 $1")`,
    { context: data },
  ),
  c("replaceAll with escapes in replacement", `#set($s = "a.b.c")$s.replaceAll("\\.", "\\$") $s.replaceAll("[.]", "\\\\")`),
  c("split and index", `#set($s = "a,b,,c,,")#set($parts = $s.split(","))$parts.size() $parts[0] $parts.get(3)`),
  c("split with limit and regex", `#set($s = "a1b22c333d")#set($p = $s.split("\\d+"))$p.size() #set($t = "a,b,c")#set($q = $t.split(",", 2))$q.size() $q[1]`),
  c("split on dot pitfall", `#set($s = "a.b")#set($p = $s.split("."))$p.size()`),
  c("string literal cannot take a method call", `#set($p = "a.b".split("."))$p.size()`),
  c("trim and concat", `#set($s = "  pad  ")[$s.trim()] [$s.concat("x")]`),
  c("equals and equalsIgnoreCase", `$context.s.equals("Hello, World") $context.s.equalsIgnoreCase("hello, world") $context.s.equals(5)`, { context: data }),
  c("compareTo", `#set($a = "apple")$a.compareTo("banana") $a.compareTo("apple") $a.compareTo("Apple")`),
  c("charAt and matches", `$context.s.charAt(0) $context.s.matches("H.*d") $context.s.matches("ello")`, { context: data }),
  c("string toString and chaining", `$context.s.toString().substring(0, 5).toUpperCase().replace("E", "3")`, { context: data }),
  c("string concatenation with +", `#set($a = "x" + "y")#set($b = "n" + 5)#set($c = 5 + "n")$a $b $c`),
  c("string plus null uses literal", `#set($a = "x" + $nothing)$a`),
  c("string method errors", `#set($s = "abc")$s.substring(5)`),

  // ---- List methods -----------------------------------------------------------
  c(
    "list basics",
    `$context.list.size() $context.list.get(0) $context.list[2] $context.list.contains("b") $context.list.indexOf("c") $context.list.isEmpty()`,
    { context: data },
  ),
  c("list add and remove", `#set($l = [])#set($ok = $l.add("a"))#set($ok = $l.add("b"))$l #set($r = $l.remove(0))$r $l`),
  c("list add prints result", `#set($l = [1])$l.add(2) $l`),
  c("list set and subList", `#set($l = [1,2,3,4])$l.set(0, 9) $l $l.subList(1, 3)`),
  c("list of maps printing", `#set($l = [{"a":1}, {"b":[1,2]}])$l`),
  c("nested list printing", `#set($l = [[1, 2], [], ["x"]])$l`),
  c("list index out of bounds", `#set($l = [1])$l.get(3)`),
  c("negative list index", `#set($l = [1,2,3])$l[-1]`),

  // ---- Map methods ---------------------------------------------------------------
  c(
    "map basics",
    `$context.map.size() $context.map.k1 $context.map.get("k2") $context.map["k3"] $context.map.containsKey("k1") $context.map.containsKey("zz")`,
    { context: data },
  ),
  c("map printing", `$context.map $context.map.keySet() $context.map.values()`, { context: data }),
  c("map put and remove", `#set($m = {"a":1})#set($old = $m.put("a", 2))$old $m #set($x = $m.remove("a"))$x $m $m.isEmpty()`),
  c("map missing key", `[$context.map.nope][$context.map.get("nope")]`, { context: data }),
  c("empty map and list", `#set($m = {})#set($l = [])$m $l $m.size() $l.size()`),
  c("map with numeric values", `#set($m = {"i": 1, "d": 1.5, "b": true, "n": "s"})$m`),

  // ---- arithmetic --------------------------------------------------------------
  c(
    "integer arithmetic",
    `#set($a = 7)#set($b = 2)${"$"}{a}+$b=#set($r = $a + $b)$r #set($r = $a - $b)$r #set($r = $a * $b)$r #set($r = $a / $b)$r #set($r = $a % $b)$r`,
  ),
  c("negative numbers", `#set($a = -7)#set($r = $a / 2)$r #set($r = $a % 3)$r #set($r = 0 - $a)$r`),
  c("double arithmetic", `#set($a = 2.5)#set($r = $a * 2)$r #set($r = $a + 1)$r #set($r = 10 / 4.0)$r #set($r = 1.0 / 3)$r`),
  c("double printing", `#set($a = 10.0)$a #set($b = 0.001)$b #set($c = 0.0001)$c #set($d = 12345678.9)$d #set($e = 100.5)$e`),
  c("division by zero", `#set($r = "unset")#set($r = 5 / 0)$r`),
  c("integer overflow widens", `#set($a = 2147483647)#set($r = $a + 1)$r #set($r = $a * $a)$r`),
  c("arithmetic precedence", `#set($r = 2 + 3 * 4)$r #set($r = (2 + 3) * 4)$r #set($r = 10 - 2 - 3)$r`),
  c("arithmetic with context numbers", `#set($r = $context.n + $context.neg)$r #set($r = $context.d * 2)$r`, { context: data }),
  c("number methods", `#set($d = 3.7)$d.intValue() $context.n.doubleValue() $context.n.toString().length()`, { context: data }),
  c("arithmetic on a string is null", `#set($r = "x")#set($r = "a" - 1)$r`),

  // ---- found while probing (kept as regressions) --------------------------------------
  c("property shorthand size and empty", `#set($l = [1,2])[$l.size]|$l.empty|#set($s = 'abc')$s.empty|[$s.length]|#set($m = {'size': 5})$m.size|$m.empty`),
  c("comparisons of unrelated types are false", `#if({} > 1)a#{else}b#end #if('a' < 1)c#{else}d#end`),
  c("negative division and double modulo", `#set($r = -7 / 2)$r #set($r = -7 % 2)$r #set($r = 7.5 % 2)$r`),
  c("range with reference bounds", `#set($n = 2)#foreach($i in [$n..5])$i#end #foreach($i in [5..$n])$i#end`),
  c("map literal with integer key", `#set($m = {1: 'one', 'k': 2})$m $m.get(1)`),
  c("hash marks inside string literals", `#set($s = "a # b ## c")$s|#set($t = "x #* y *# z")$t`),
  c("block macro bodyContent", `#macro(wrap)<$bodyContent>#end#@wrap()inner#end`),
  c("break inside macro", `#macro(m $x)#if($x > 1)#break#end[$x]#end#m(1)#m(2)after`),
  c("list aliasing through set", `#set($a = [1])#set($b = $a)#set($ok = $b.add(2))$a`),
  c("many backslashes before references", `\\\\\\\\$x \\\\\\\\\\$x #set($x = 1)\\\\\\\\$x \\\\\\\\\\$x`),
  c("nested velocityCount", `#foreach($i in [1,2])#foreach($j in [3])$velocityCount#end$velocityCount#end`),
  c("loop variable after the loop", `#set($list = ['a','b'])#foreach($item in $list)$item#end [$item]`),
  c("double printing variants", `#set($d = 1.0)$d #set($d = 1.5e3)$d #set($d = 123456789.0)$d #set($e = 0.00001)$e`),
  c("long literal and overflow to BigInteger", `#set($big = 9223372036854775807)$big #set($r = $big + 1)$r`),
  c("boolean and number compared with strings", `#set($t = true)#if($t == 'true')s#{else}n#end #if($t == true)b#end #set($n = 5)#if($n == '5')eq#end`),
  c("define interpolated twice", `#define($d)D#end#set($x = "$d$d")$x`),
  c("evaluate defines a macro", `#evaluate("#macro(em $a)[$a]#end")#em(1)`),
  c("nested map set", `#set($map = {})#set($map.a = {})#set($map.a.b = 1)$map`),
  c("nested list indexes", `#set($l = [[1,2],[3]])$l[0][1] $l.get(1).get(0)`),
  c("list literal with interpolation", `#set($x = 1)#set($l = [$x, "$x", '$x'])$l`),
  c("escaped formal and quiet references", `#set($x = 'v')\\${"$"}{x} \\$!x \\$!{x} \\${"$"}{y}`),
  c("string plus list", `#set($a = "1" + 2 + 3)$a #set($b = 1 + 2 + "3")$b #set($c = "a" + [1])$c`),
  c("set inside string literal", `#set($n = 7)#set($s = "n=$n, n+1=#set($m = $n + 1)$m")$s`),
  c("accumulating with quiet reference", `#foreach($i in [1..3])#set($acc = "$!acc$i")#end$acc`),
  c("braced directives", `#{set}($a = 1)#{if}($a == 1)one#{end}`),
  c("directive with space before parenthesis", `#set ($a = 1) $a #if ($a) x #end|`),
  c("comment lines in a row", `a\n## c1\n## c2\nb\n  ## indented\n  x`),
  c("quotes inside strings", `#set($q = '"')$q $q.length() #set($s = "it''s ""q""")$s`),

  // ---- $input / $util (the parts Velocity and AWS share) -------------------------
  c("input path scalar types", `$input.path('$.owner.name')|$input.path('$.owner.age')|$input.path('$.owner.vip')|$input.path('$.pets[0].price')`, {
    body: pets,
  }),
  c("input path object prints Java style", `$input.path('$.owner')`, { body: pets }),
  c("input path array prints JSON", `$input.path('$.pets[0].tags') $input.path('$.pets').size()`, { body: pets }),
  c("input json", `$input.json('$.owner') $input.json('$.pets[1].tags') $input.json('$.owner.name')`, { body: pets }),
  // Bodies the lazy JSON scan (lib/template/json-tape.ts) reads, printed by $input.json from its own text or from values.
  c("input json of a pretty-printed body", `$input.json('$')|$input.json('$.a')|$input.path('$.a.b')`, {
    body: `{\n  "a" : { "b" : [ 1 , 2.5 , "x" ] ,\n "c":null },\t"d" : true\n}`,
  }),
  c("input json with escapes, repeated keys and Java numbers", `$input.json('$')|$input.json('$.s')|$input.path('$.dup')|$input.json('$.n')`, {
    body: `{"s":"q\\"b\\\\s\\/u\\u00e9t\\tn\\n","dup":1,"n":[10.0,2.50,1E3,-0,12345678901234567890,0.0001,12345678.5],"dup":{"x":2}}`,
  }),
  c(
    "input path over a body read lazily",
    `#foreach($o in $input.path('$.l'))$o.k:$o.get("k"):$o.size()#if($foreach.hasNext),#end#end|$input.path('$.l[1]')|$input.json('$.l[1]')`,
    {
      body: `{"l":[{"k":"a","k":"b"},{"k":2,"z":[{}]}]}`,
    },
  ),
  // A missing path is "" and a JSON null is null: every comparison Velocity makes with them.
  ...[`$input.path('$.nope')`, `$input.path('$.owner.nope')`, `$input.path('$.pets[9]')`, `$input.path('$.owner.note')`].map((x, i) =>
    c(
      `input path missing or null ${i}`,
      `[${x}]#if(${x} == "")A#end#if(${x} == '')B#end#if(${x} != "")C#end#if(${x} == $null)D#end#if($null == ${x})E#end#if(${x})F#end#if(!${x})G#end[${x}.length()][${x}.isEmpty()]`,
      { body: pets },
    ),
  ),
  c("input path missing then #set", `#set($v = "old")#set($v = $input.path('$.nope'))[$v]#set($v = "old")#set($v = $input.path('$.owner.note'))[$v]`, {
    body: pets,
  }),
  c("input path missing json", `$input.json('$.nope')|$input.json('$.owner.note')|$util.escapeJavaScript($input.json('$.nope'))`, { body: pets }),
  c(
    "input path nulls in foreach",
    `#foreach($i in $input.path('$.l'))[$i]#if($i == $null)N#end#if($i == "")E#end#end#foreach($i in $input.path('$.nope'))X#end`,
    { body: `{"l":[1,null,"",true]}` },
  ),
  c("input path missing per item", `#foreach($p in $input.path('$.l'))#set($x = $input.path("$.l[$foreach.index].x"))[$x]#end`, {
    body: `{"l":[{"x":"a"},{},{"x":null},{"x":"d"}]}`,
  }),
  c("input params", `$input.params('id') $input.params('q') [$input.params('nope')] $input.params().querystring`, {
    params: { path: { id: "7" }, querystring: { q: "search", id: "shadowed" } },
  }),
  c("util escapeJavaScript", `$util.escapeJavaScript($input.path('$.owner.name')) $util.escapeJavaScript("a/b ""q"" tab\there é")`, { body: pets }),
  c("util escapeJavaScript replaceAll fix", `{"n": "$util.escapeJavaScript($input.path('$.owner.name')).replaceAll("\\\\'","'")"}`, { body: pets }),
  c("util url and base64", `$util.urlEncode("a b&c=d/é") $util.urlDecode("a+b%26c") $util.base64Encode("héllo") $util.base64Decode("aGVsbG8=")`),
  c("util parseJson", `#set($o = $util.parseJson('{"a":{"b":[1,2,{"c":"d"}]}}'))$o.a.b[2].c $o.a.b.size() $o`),
  c("stage variables", `$stageVariables.env ${"$"}{stageVariables['env']} $stageVariables.get("env")`, { stageVariables: { env: "prod" } }),
  c("context nested", `$context.identity.sourceIp $context.authorizer.claims.sub`, {
    context: { identity: { sourceIp: "1.2.3.4" }, authorizer: { claims: { sub: "u1" } } },
  }),
  c(
    "realistic request transform",
    `#set($root = $input.path('$'))\n{\n  "owner": "$root.owner.name",\n  "count": $root.pets.size(),\n  "pets": [\n#foreach($p in $root.pets)\n    {"id": "$p.id", "kind": "$p.type.toUpperCase()", "cheap": #if($p.price < 100)true#{else}false#end}#if($foreach.hasNext),#end\n\n#end\n  ]\n}`,
    { body: pets },
  ),
];
