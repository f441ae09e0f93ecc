/**
 * java.util.regex POSIX and java.lang.Character classes (`\p{Alpha}`, `\p{javaLowerCase}`), as
 * class contents (ASCII, as Java's defaults). Written so RE2 and JavaScript read them alike:
 * lib/model checks selection patterns with the same table.
 */
export const POSIX_CLASSES: Readonly<Record<string, string>> = {
  Lower: "a-z",
  Upper: "A-Z",
  ASCII: "\\x00-\\x7F",
  Alpha: "a-zA-Z",
  Digit: "0-9",
  Alnum: "a-zA-Z0-9",
  Punct: "!-/:-@\\[-`{-~",
  Graph: "!-~",
  Print: " -~",
  Blank: " \\t",
  Cntrl: "\\x00-\\x1F\\x7F",
  XDigit: "0-9a-fA-F",
  Space: " \\t\\n\\x0B\\f\\r",
  javaLowerCase: "a-z",
  javaUpperCase: "A-Z",
  javaWhitespace: " \\t\\n\\x0B\\f\\r\\x1C-\\x1F",
};
