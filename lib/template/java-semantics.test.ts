/** Byte-exact Velocity 1.7 / Java behaviour: printing, arithmetic, Java methods, whitespace, escapes, limits. */
import { describe, expect, it } from "vitest";
import { escapeJavaScript, MAX_FOREACH_ITERATIONS, renderTemplate, TemplateError } from "./index";
import type { TemplateInput } from "./types";

function out(template: string, over: Partial<TemplateInput> = {}) {
  return renderTemplate({
    template,
    body: "",
    params: { path: {}, querystring: {}, header: {} },
    context: {},
    stageVariables: {},
    ...over,
  }).output;
}

describe("printing values", () => {
  const body = `{"price":10.00,"n":3,"big":12345678901,"e":1e21,"small":0.0001,"neg":-0.5,"m":{"a":1,"b":[1,2],"c":{"d":"x"},"z":null},"l":[{"c":5},"s",null,true]}`;
  it("JSON numbers print as Java values", () => {
    expect(out("$input.path('$.price')|$input.path('$.n')|$input.path('$.big')|$input.path('$.e')|$input.path('$.small')|$input.path('$.neg')", { body })).toBe(
      "10.0|3|12345678901|1.0E21|1.0E-4|-0.5",
    );
    expect(out("$input.json('$.price')", { body })).toBe("10.0");
  });
  it("integers beyond 2^53 stay exact (Long)", () => {
    const big = `{"id":1234567890123456789}`;
    expect(out("$input.path('$.id')|$input.json('$')|$input.path('$.id').toString()|$input.path('$.id').class.name", { body: big })).toBe(
      `1234567890123456789|{"id":1234567890123456789}|1234567890123456789|java.lang.Long`,
    );
    expect(out("#set($x = $input.path('$.id') + 1)$x", { body: big })).toBe("1234567890123456790");
  });
  it("a Map prints Java-style, lists inside it as JSON", () => {
    expect(out("$input.path('$.m')", { body })).toBe(`{a=1, b=[1,2], c={d=x}, z=null}`);
    expect(out("$input.path('$.l')", { body })).toBe(`[{"c":5},"s",null,true]`);
    expect(out("$input.path('$')", { body: `{"a": 1, "b": [{"c": 5}]}` })).toBe(`{a=1, b=[{"c":5}]}`);
  });
  it("keeps document order, including numeric-looking keys", () => {
    expect(out("$input.path('$').keySet()", { body: `{"b":1,"2":2,"a":3,"1":4}` })).toBe("[b, 2, a, 1]");
    expect(out("$input.json('$')", { body: `{"b":1,"2":2,"a":3,"1":4}` })).toBe(`{"b":1,"2":2,"a":3,"1":4}`);
  });
  it("VTL list and map literals print like ArrayList / LinkedHashMap", () => {
    expect(out(`#set($l = [1, "two", 3.0, true, [4]])$l`)).toBe("[1, two, 3.0, true, [4]]");
    expect(out(`#set($m = {"k": "v", "n": 1})$m`)).toBe("{k=v, n=1}");
    expect(out(`#set($r = [1..3])$r #set($d = [3..1])$d`)).toBe("[1, 2, 3][3, 2, 1]");
  });
  it("entrySet, keySet, values", () => {
    expect(out(`#set($m = {"a": 1, "b": 2})$m.keySet() $m.values() $m.entrySet()#foreach($e in $m.entrySet()) $e.key=$e.value#end`)).toBe(
      "[a, b] [1, 2] [a=1, b=2] a=1 b=2",
    );
  });
});

describe("arithmetic and comparison", () => {
  it("integer vs decimal arithmetic", () => {
    expect(
      out(
        "#set($a = 7)#set($b = 2)#set($r = $a / $b)$r|#set($r = $a % $b)$r|#set($r = -7 / 2)$r|#set($r = $a * 1.5)$r|#set($r = 1.0 + 2)$r|#set($r = 0.1 + 0.2)$r",
      ),
    ).toBe("3|1|-3|10.5|3.0|0.30000000000000004");
  });
  it("division by zero yields null, so #set keeps the old value", () => {
    expect(out("#set($r = 1)#set($r = 5 / 0)$r")).toBe("1");
  });
  it("+ with a string concatenates", () => {
    expect(out("#set($r = 'a' + 1)$r|#set($r = 1 + 'a')$r")).toBe("a1|1a");
  });
  it("== compares numbers by value, else same-class equals, else toString", () => {
    expect(out("#if(1 == 1.0)a#end#if('1' == 1)b#end#if($x == $y)c#end#if($x == 1)d#end#if([1,2] == [1,2])e#end#if(true == 'true')f#end")).toBe("abcef");
  });
  it("relational operators need numbers", () => {
    expect(out("#if(2 > 1)a#end#if('b' > 'a')b#end#if(2 >= 2.0)c#end#if(1 lt 2 and 3 gt 2)d#end")).toBe("acd");
  });
  it("truthiness: null and false are false, everything else true", () => {
    expect(out("#set($e = '')#set($z = 0)#if($e)a#end#if($z)b#end#if($nope)c#end#if(!$nope)d#end#if($input.path('$.f'))e#end", { body: `{"f":false}` })).toBe(
      "abd",
    );
  });
  it("a negative literal after an operand is a parse error, as in Velocity", () => {
    expect(() => out("#set($x = 5 -1)")).toThrow(TemplateError);
    expect(out("#set($x = 5 - 1)$x")).toBe("4");
  });
});

describe("Java String methods", () => {
  const t = (expr: string) => out(`#set($s = "Hello, World")${expr}`);
  it("basics", () => {
    expect(t("$s.length()|$s.substring(7)|$s.substring(0, 5)|$s.indexOf('o')|$s.indexOf('o', 5)|$s.lastIndexOf('o')|$s.charAt(4)")).toBe(
      "12|World|Hello|4|8|8|o",
    );
    expect(t("$s.toUpperCase()|$s.toLowerCase()|$s.contains('World')|$s.startsWith('Hell')|$s.endsWith('d')|$s.isEmpty()|$s.concat('!')")).toBe(
      "HELLO, WORLD|hello, world|true|true|true|false|Hello, World!",
    );
    expect(t("$s.equals('Hello, World')|$s.equalsIgnoreCase('hello, world')|$s.toString()|$s.replace('l', 'L')|$s.matches('H.*d')|$s.matches('World')")).toBe(
      "true|true|Hello, World|HeLLo, WorLd|true|false",
    );
    expect(out(`#set($s = "  \t padded \n ")[$s.trim()]`)).toBe("[padded]");
  });
  it("replaceAll / replaceFirst use Java regex and $n groups", () => {
    expect(t(`$s.replaceAll("(\\w+), (\\w+)", "$2 $1")`)).toBe("World Hello");
    expect(t(`$s.replaceAll("o", "0")|$s.replaceFirst("o", "0")|$s.replaceAll("[aeiou]", "")`)).toBe("Hell0, W0rld|Hell0, World|Hll, Wrld");
    expect(t(`$s.replaceAll("l+", "\\$")`)).toBe("He$o, Wor$d");
    expect(t(`$s.replaceAll("(?i)hello", "Bye")`)).toBe("Bye, World");
  });
  it("an illegal group reference is a runtime error", () => {
    expect(() => t(`$s.replaceAll("o", "$2")`)).toThrow(/IndexOutOfBoundsException: No group 2/);
  });
  it("split follows Java (trailing empty strings dropped)", () => {
    expect(out(`#set($s = "a,b,,c,,")#set($p = $s.split(","))$p.size()#foreach($x in $p)[$x]#end`)).toBe("4[a][b][][c]");
    expect(out(`#set($s = ",a")$s.split(",").size()`)).toBe("2");
    expect(out(`#set($s = "a1b22c")$s.split("\\d+").get(2)`)).toBe("c");
    expect(out(`#set($s = "a,b,c")$s.split(",", 2).get(1)`)).toBe("b,c");
  });
  it("a method call on a literal is a parse error, as in Velocity", () => {
    expect(() => out(`#set($p = "a,b".split(","))`)).toThrow(/Encountered "\." at line 1, column 16/);
  });
  it("a method that does not exist or gets the wrong argument types yields null", () => {
    expect(t("[$s.noSuchMethod()][$s.substring('1')][$s.length]")).toBe("[][][]");
  });
  it("single-quoted strings are not interpolated; double-quoted are", () => {
    expect(out(`#set($n = "x")#set($a = '$n and #if(true)y#end')#set($b = "$n and #if(true)y#end")$a|$b`)).toBe("$n and #if(true)y#end|x and y");
  });
});

describe("List and Map methods", () => {
  it("List", () => {
    expect(out(`#set($l = [3, 1, 2])$l.size()|$l.get(0)|$l.isEmpty()|$l.contains(2)|$l.indexOf(2)|$l.contains('2')`)).toBe("3|3|false|true|2|false");
    expect(out(`#set($l = [])#set($ok = $l.add('a'))$l.add('b')|$l|$l.size()`)).toBe("true|[a, b]|2");
  });
  it("List.get out of range is a runtime error", () => {
    expect(() => out(`#set($l = [1])$l.get(3)`)).toThrow(/IndexOutOfBoundsException: Index 3 out of bounds for length 1/);
  });
  it("Map", () => {
    const body = `{"b":{"x":1},"a":2}`;
    expect(
      out(`#set($m = $input.path('$'))$m.size()|$m.get('a')|$m.containsKey('b')|$m.containsKey('c')|$m.isEmpty()|$m.keySet()|$m.b.x|$m['a']`, { body }),
    ).toBe("2|2|true|false|false|[b, a]|1|2");
    expect(out(`#set($m = {})#set($old = $m.put('k', 'v'))$m.k $m.size()`)).toBe("v 1");
  });
});

describe("#set, #foreach, #break, #stop, #macro, #evaluate", () => {
  it("#set with a null right side leaves the variable unchanged", () => {
    expect(out("#set($x = 'kept')#set($x = $nothing)$x")).toBe("kept");
    expect(out("#set($x = 'kept')#set($x = $input.path('$.n'))$x", { body: `{"n":null}` })).toBe("kept");
  });
  it("#foreach restores the loop variable and supports nesting", () => {
    expect(out("#set($i = 'outer')#foreach($i in [1,2])#foreach($j in ['a','b'])$i$j$foreach.count#end#end $i")).toBe("1a11b22a12b2 outer");
    expect(out("#foreach($i in [1,2])#foreach($j in [1])$velocityCount#end$velocityCount#end")).toBe("1112");
  });
  it("#foreach over a map iterates its values; over null or a string does nothing", () => {
    expect(out("#foreach($v in $input.path('$'))$v;#end", { body: `{"a":1,"b":"x"}` })).toBe("1;x;");
    expect(out("#foreach($v in $nope)x#end#foreach($v in 'abc')y#end.")).toBe(".");
  });
  it("#break leaves the innermost loop; #stop ends the template", () => {
    expect(out("#foreach($i in [1..5])#if($i == 3)#break#end$i#end!")).toBe("12!");
    expect(out("a#stop b")).toBe("a");
  });
  it("#macro with arguments and locals", () => {
    expect(out('#macro(pair $k $v)"$k":"$v"#end\n{#pair(\'a\' 1),#pair("b", $x)}')).toBe(`{"a":"1","b":""}`);
  });
  it("#evaluate renders a string as a template", () => {
    expect(out(`#set($t = "#set($q = 5)$q!")#evaluate($t) $q`)).toBe("5! 5");
  });
  it("\\ escapes", () => {
    expect(out("#set($a = 'A')\\$a|\\$nope|\\\\$a|\\#if|\\#set|\\#notadirective")).toBe("$a|\\$nope|\\A|#if|#set|\\#notadirective");
  });
  it("#[[ ]]# is unparsed text", () => {
    expect(out("#[[ $x #if( ]]#")).toBe(" $x #if( ");
  });
});

describe("Velocity 1.7 whitespace rules", () => {
  it("a directive line emits no newline", () => {
    expect(out("a\n#set($x = 1)\nb\n#if(true)\nc\n#else\nd\n#end\ne")).toBe("a\nb\nc\ne");
  });
  it("#set eats its indentation only where a token starts; text before it keeps it (checked against Velocity 1.7)", () => {
    expect(out('{\n    #set($x = 1)\n    #if(true)\n    "x": $x\n    #end\n}')).toBe('{\n            "x": 1\n    }');
    expect(out("#if(true)\n    #set($x = 1)\n    v$x\n#end")).toBe("    v1\n");
    expect(out("  #set($a = 1)  \n  #set($b = 2)\nz")).toBe("z");
    expect(out("a $  #set($a = 1)x|a \\  #set($a = 1)x")).toBe("a x|a \\x");
  });
  it("#foreach body lines", () => {
    expect(out("[\n#foreach($i in [1,2])\n  $i#if($foreach.hasNext),#end\n\n#end\n]")).toBe("[\n  1,\n  2\n]");
  });
  it("## comments eat the newline, #* *# comments do not", () => {
    expect(out("a ## note\nb #* c *#\nd")).toBe("a b \nd");
  });
  it("spaces after the closing parenthesis are eaten only with the newline", () => {
    expect(out("#set($x = 1)   \nA#if(true)  B#end  C\nD")).toBe("A  B  C\nD");
  });
  it("#end and #else eat their trailing newline; text after them on the line stays", () => {
    expect(out("#if(false)\nx\n#else  \ny\n#end   \nz")).toBe("y\nz");
  });
  it("CRLF line ends", () => {
    expect(out("a\r\n#set($x = 1)\r\nb$x\r\n")).toBe("a\r\nb1\r\n");
  });
});

describe("escapeJavaScript (commons-lang 2.x)", () => {
  it("escapes quotes, slash, backslash and control characters", () => {
    expect(escapeJavaScript(`it's "q" a/b c\\d`)).toBe(`it\\'s \\"q\\" a\\/b c\\\\d`);
    expect(escapeJavaScript("\b\f\n\r\t")).toBe("\\b\\f\\n\\r\\t");
    expect(escapeJavaScript("\u0000\u0001\u001f\u000b")).toBe("\\u0000\\u0001\\u001F\\u000B");
    expect(escapeJavaScript("\u007f")).toBe("\u007f");
  });
  it("non-ASCII as uppercase \\uXXXX, per UTF-16 unit", () => {
    expect(escapeJavaScript("é€ÿ")).toBe("\\u00E9\\u20AC\\u00FF");
    expect(escapeJavaScript("😀")).toBe("\\uD83D\\uDE00");
  });
  it("in a template, on a JSON string", () => {
    expect(out(`$util.escapeJavaScript($input.json('$'))`, { body: `{"t":"application/json","q":"it's"}` })).toBe(
      `{\\"t\\":\\"application\\/json\\",\\"q\\":\\"it\\'s\\"}`,
    );
  });
});

describe("limits", () => {
  it(`#foreach runs at most ${MAX_FOREACH_ITERATIONS} iterations`, () => {
    const ok = out("#set($n = 0)#foreach($i in [1..1000])#set($n = $n + 1)#end$n");
    expect(ok).toBe("1000");
    expect(() => out("#foreach($i in [1..1001])#end")).toThrow(/maximum of 1000 iterations/);
  });
  it("templates over 300 KB are rejected", () => {
    expect(out("x".repeat(300 * 1024))).toHaveLength(300 * 1024);
    expect(() => out("x".repeat(300 * 1024 + 1))).toThrow(/300 KB/);
  });
});
