/*
 * Differential-test harness: renders a batch of templates with Apache Velocity 1.7 (the engine
 * API Gateway runs) in one JVM. Usage: java Harness cases.json results.json
 *
 * cases.json: [{"template": "...", "body": "...", "params": {"path":{},"querystring":{},"header":{}},
 *               "context": {...}, "stageVariables": {...}}, ...]
 * results.json: [{"ok": true, "output": "..."} | {"ok": false, "error": "..."}, ...]
 *
 * The context stands in for API Gateway's: $input (body, json, path, params) over a small JSON
 * model (LinkedHashMap, JsonArray printing as JSON like json-smart's JSONArray, Integer/Long/
 * BigInteger/Double), $util (escapeJavaScript from commons-lang 2's StringEscapeUtils, URL and
 * base64 codecs, parseJson), $context and $stageVariables as plain maps. Null references print
 * as nothing, as on API Gateway (a ReferenceInsertionEventHandler maps null to "").
 */
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.lang.StringEscapeUtils;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.VelocityEngine;
import org.apache.velocity.app.event.EventCartridge;
import org.apache.velocity.app.event.ReferenceInsertionEventHandler;

public class Harness {
  /** json-smart's JSONArray: a List that prints as compact JSON. */
  public static class JsonArray extends ArrayList<Object> {
    @Override
    public String toString() {
      return Json.write(this);
    }
  }

  public static final class Json {
    private final String s;
    private int i;

    private Json(String s) {
      this.s = s;
    }

    /** Parses JSON; `arrays` chooses JsonArray (payload) or ArrayList (plain test data). */
    public static Object parse(String s, boolean jsonArrays) {
      Json p = new Json(s);
      p.ws();
      Object v = p.value(jsonArrays);
      p.ws();
      if (p.i != s.length()) throw new IllegalArgumentException("trailing characters at " + p.i);
      return v;
    }

    private void ws() {
      while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++;
    }

    private Object value(boolean ja) {
      ws();
      char c = s.charAt(i);
      if (c == '{') {
        i++;
        Map<String, Object> m = new LinkedHashMap<>();
        ws();
        if (s.charAt(i) == '}') {
          i++;
          return m;
        }
        while (true) {
          ws();
          String k = string();
          ws();
          i++; // :
          m.put(k, value(ja));
          ws();
          if (s.charAt(i++) == '}') return m;
        }
      }
      if (c == '[') {
        i++;
        List<Object> l = ja ? new JsonArray() : new ArrayList<>();
        ws();
        if (s.charAt(i) == ']') {
          i++;
          return l;
        }
        while (true) {
          l.add(value(ja));
          ws();
          if (s.charAt(i++) == ']') return l;
        }
      }
      if (c == '"') return string();
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      int st = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      String num = s.substring(st, i);
      if (num.matches("-?\\d+")) {
        BigInteger b = new BigInteger(num);
        if (b.bitLength() < 32) return b.intValue();
        if (b.bitLength() < 64) return b.longValue();
        return b;
      }
      return Double.valueOf(num);
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++; // "
      while (true) {
        char c = s.charAt(i++);
        if (c == '"') return b.toString();
        if (c == '\\') {
          char e = s.charAt(i++);
          switch (e) {
            case 'n': b.append('\n'); break;
            case 't': b.append('\t'); break;
            case 'r': b.append('\r'); break;
            case 'b': b.append('\b'); break;
            case 'f': b.append('\f'); break;
            case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
            default: b.append(e);
          }
        } else b.append(c);
      }
    }

    public static String quote(String s) {
      StringBuilder b = new StringBuilder("\"");
      for (int k = 0; k < s.length(); k++) {
        char c = s.charAt(k);
        switch (c) {
          case '"': b.append("\\\""); break;
          case '\\': b.append("\\\\"); break;
          case '\n': b.append("\\n"); break;
          case '\r': b.append("\\r"); break;
          case '\t': b.append("\\t"); break;
          case '\b': b.append("\\b"); break;
          case '\f': b.append("\\f"); break;
          default:
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff)) b.append(String.format("\\u%04X", (int) c));
            else b.append(c);
        }
      }
      return b.append('"').toString();
    }

    /** Compact JSON (json-smart style) of the model. */
    public static String write(Object v) {
      if (v == null) return "null";
      if (v instanceof String) return quote((String) v);
      if (v instanceof Map) {
        StringBuilder b = new StringBuilder("{");
        boolean first = true;
        for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
          if (!first) b.append(',');
          first = false;
          b.append(quote(String.valueOf(e.getKey()))).append(':').append(write(e.getValue()));
        }
        return b.append('}').toString();
      }
      if (v instanceof List) {
        StringBuilder b = new StringBuilder("[");
        boolean first = true;
        for (Object o : (List<?>) v) {
          if (!first) b.append(',');
          first = false;
          b.append(write(o));
        }
        return b.append(']').toString();
      }
      if (v instanceof Number || v instanceof Boolean) return String.valueOf(v);
      return quote(String.valueOf(v));
    }
  }

  /**
   * $input over a JSON payload; JSONPath limited to $, .name, ['name'] and [index]. A path the
   * payload does not have gives "" (as API Gateway's $input.path does); a JSON null gives null.
   */
  public static class Input {
    private final String body;
    private final Map<String, Object> params;
    private Object root;
    private boolean parsed;

    public Input(String body, Map<String, Object> params) {
      this.body = body;
      this.params = params;
    }

    public String getBody() {
      return body.isEmpty() ? "{}" : body;
    }

    private Object root() {
      if (!parsed) {
        root = body.trim().isEmpty() ? new LinkedHashMap<String, Object>() : Json.parse(body, true);
        parsed = true;
      }
      return root;
    }

    public Object path(String p) {
      Object cur = root();
      int k = 1; // after $
      while (k < p.length()) {
        char c = p.charAt(k);
        if (c == '.') {
          int e = k + 1;
          while (e < p.length() && p.charAt(e) != '.' && p.charAt(e) != '[') e++;
          String name = p.substring(k + 1, e);
          if (!(cur instanceof Map) || !((Map<?, ?>) cur).containsKey(name)) return MISSING;
          cur = ((Map<?, ?>) cur).get(name);
          k = e;
        } else if (c == '[') {
          int e = p.indexOf(']', k);
          String in = p.substring(k + 1, e);
          if (in.startsWith("'")) {
            String name = in.substring(1, in.length() - 1);
            if (!(cur instanceof Map) || !((Map<?, ?>) cur).containsKey(name)) return MISSING;
            cur = ((Map<?, ?>) cur).get(name);
          } else {
            int idx = Integer.parseInt(in);
            if (!(cur instanceof List) || idx >= ((List<?>) cur).size()) return MISSING;
            cur = ((List<?>) cur).get(idx);
          }
          k = e + 1;
        } else throw new IllegalArgumentException("unsupported path " + p);
      }
      return cur;
    }

    private static final String MISSING = "";

    public String json(String p) {
      return Json.write(path(p));
    }

    public Map<String, Object> params() {
      return params;
    }

    public Object params(String name) {
      for (String where : new String[] {"path", "querystring", "header"}) {
        Map<?, ?> m = (Map<?, ?>) params.get(where);
        if (m != null && m.containsKey(name)) return m.get(name);
      }
      return "";
    }
  }

  /** $util as API Gateway documents it. */
  public static class Util {
    public String escapeJavaScript(String s) {
      return StringEscapeUtils.escapeJavaScript(s);
    }

    public String urlEncode(String s) throws Exception {
      return URLEncoder.encode(s, "UTF-8");
    }

    public String urlDecode(String s) throws Exception {
      return URLDecoder.decode(s, "UTF-8");
    }

    public String base64Encode(String s) {
      return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    public String base64Decode(String s) {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }

    public Object parseJson(String s) {
      return Json.parse(s, true);
    }
  }

  @SuppressWarnings("unchecked")
  public static void main(String[] args) throws Exception {
    String casesText = new String(Files.readAllBytes(Path.of(args[0])), StandardCharsets.UTF_8);
    List<Object> cases = (List<Object>) Json.parse(casesText, false);
    VelocityEngine ve = new VelocityEngine();
    ve.setProperty("runtime.log.logsystem.class", "org.apache.velocity.runtime.log.NullLogChute");
    // Each case is its own template (as each API Gateway mapping template is): macros defined
    // in one must not be visible to the next. Cases are evaluated under distinct names.
    ve.setProperty("velocimacro.permissions.allow.inline.local.scope", "true");
    ve.init();
    StringBuilder out = new StringBuilder("[");
    for (int n = 0; n < cases.size(); n++) {
      Map<String, Object> c = (Map<String, Object>) cases.get(n);
      VelocityContext ctx = new VelocityContext();
      EventCartridge ec = new EventCartridge();
      ec.addEventHandler(
          new ReferenceInsertionEventHandler() {
            public Object referenceInsert(String reference, Object value) {
              return value == null ? "" : value;
            }
          });
      ec.attachToContext(ctx);
      Object body = c.get("body");
      Map<String, Object> params = (Map<String, Object>) c.get("params");
      if (params == null) params = new LinkedHashMap<>();
      for (String k : new String[] {"path", "querystring", "header"}) params.putIfAbsent(k, new LinkedHashMap<String, Object>());
      ctx.put("input", new Input(body == null ? "" : (String) body, params));
      ctx.put("util", new Util());
      Object context = c.get("context");
      ctx.put("context", context == null ? new LinkedHashMap<String, Object>() : context);
      Object sv = c.get("stageVariables");
      ctx.put("stageVariables", sv == null ? new LinkedHashMap<String, Object>() : sv);
      if (n > 0) out.append(",\n");
      try {
        StringWriter w = new StringWriter();
        ve.evaluate(ctx, w, "case" + n, (String) c.get("template"));
        out.append("{\"ok\":true,\"output\":").append(Json.quote(w.toString())).append('}');
      } catch (Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        out.append("{\"ok\":false,\"error\":").append(Json.quote(e.getClass().getName() + ": " + e.getMessage() + " / " + root)).append('}');
      }
    }
    out.append("]\n");
    Files.write(Path.of(args[1]), out.toString().getBytes(StandardCharsets.UTF_8));
  }
}
