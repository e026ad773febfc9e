package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.testing.Processes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regular expressions translated from Python find what duplicity's Python (python3, the interpreter duplicity runs on)
 * finds, in texts chosen where Python's and Java's regex engines part ways; what Python refuses is refused.
 */
class PythonRegexTest {
    /** Python script: compiles each pattern and searches each text; one line per pattern. */
    private static final String SEARCH = """
            import json, re, sys, warnings
            warnings.simplefilter('ignore')
            job = json.load(open(sys.argv[1], encoding='utf-8'))
            for p in job['patterns']:
                try:
                    r = re.compile(p)
                except Exception as e:
                    print('E ' + type(e).__name__ + ': ' + str(e).replace('\\n', ' '))
                    continue
                print('F ' + ''.join('1' if r.search(t) else '0' for t in job['texts']))
            """;
    /** Python script: the code points each pattern matches whole, as ranges. */
    private static final String CODE_POINTS = """
            import json, re, sys
            for p in json.load(open(sys.argv[1], encoding='utf-8')):
                r = re.compile(p)
                out, start = [], None
                for c in range(0x110001):
                    hit = c < 0x110000 and r.match(chr(c)) is not None
                    if hit and start is None:
                        start = c
                    elif not hit and start is not None:
                        out.append('%x-%x' % (start, c - 1))
                        start = None
                print(' '.join(out))
            """;

    /** Texts where the engines differ: line breaks, Unicode digits, letters and marks, case, lone surrogates. */
    private static final List<String> TEXTS = List.of(
            "/src/a.log", "/src/a.log\n", "/src/a.log\nx", "/src/x.gz.gz", "/src/aaa", "/src/aab", "/src/file\u0663",
            "/src/e\u0301", "/src/caf\u00e9", "/src/sep\u001c", "/src/nbsp\u00a0", "/src/STRA\u1e9eE", "/src/STRASSE",
            "/src/stra\u00dfe", "/src/\u212aelvin", "/src/v\u000bt", "/src/a\nb", "/src/\u00e9foo", "/src/-foo-",
            "/src/\ud83d\udc80", "/src/\udc80", "/src/A", "/src/[x", "/src/&&b", "/src/\b", "/src/x{2}", "/src/a{",
            "/src/aab\u2028", "/src/\u2014", "/src/a\\b", "/src/ab ab", "/src/\u0130stanbul", "/src/\u017fun", "/src/x\r",
            "/src/\ud801\udc00", "/src/x\ud801\udc00y");

    /** Patterns Python takes and camelback refuses on purpose: no Java construct means the same. */
    private static final List<String> REFUSED_ON_PURPOSE = List.of("(a)?(?(1)b|c)", "(?i:a)b", "(?-i:a)b",
            "(?ai)a", "(a)(?<=\\1)b");

    @TempDir
    Path temp;

    @Test
    void translatedRegexesFindWhatPythonFindsAndRefuseWhatItRefuses() throws Exception {
        List<String> patterns = List.of(
                // \Z is Java's \z; $ also before a final \n, not before \r or U+2028
                "log\\Z", "log$", "\\.log$", "b$", "x$",
                // named groups and references, possessive quantifiers, atomic groups (Python 3.11)
                "(?P<ext>\\.[a-z]+)(?P=ext)$", "a*+a", "a++b", "(?>a+)a", "(a)\\1b", "(?P<_n>a)(?P=_n)",
                // Unicode categories: Python's \d, \w (no combining marks), \s (also U+001C), \b
                "\\d$", "\\w+$", "e\\w", "\\W$", "\\s", "[\\s]$", "\\bfoo\\b", "\\Bfoo", "[^\\W\\d]+$", "(?a)\\w+$",
                "(?a)\\d$",
                // classes as Python reads them
                "[[]x", "[&&]+b", "[\\b]", "[]a]", "[^]a]$", "[\\w-]+$", "[a-]", "[\\]]",
                // quantifiers and braces
                "a{,2}b", "a{", "x{}", "x{2}", "a{1,}b", "x\\{2}", "a{2}?", "aa??b",
                // escapes: \v is a vertical tab only, octal, \0, \N{...}, and hex escapes
                "\\v", "\\101", "\\0", "\\N{EM DASH}", "\\x41", "\\u2014", "\\U0001f480", "\\\\b",
                // lone surrogates: a name's bytes that are not UTF-8, not the half of a pair
                "\\udc80", "[\\udc80-\\udcff]", "src/.$", "(?s)(?<!/).\\Z", "(?<![a-z/])\\W",
                // a letter beyond U+FFFF behind: \b, \B and look-behinds see the whole code point
                "/\\w\\B", "\\w\\b", "(?<=\\w)$", "(?<![\\W])y", "(?<=\\ud801\\udc00)y",
                // dot and anchors, with and without flags
                "a.b", "(?s)a.b", "(?m)^b", "(?m)a$", "(?m)^$", "^/src", "\\A/src", "(?s:a.)b", "(?m:^b)",
                // case: Python's folding
                "(?i)stra\u00dfe", "(?i)STRASSE", "(?i)k", "(?i)[k-l]elvin", "(?i)\u0131stanbul", "(?i)[\u0100-\u017e]",
                "(?i)SUN", "(?i)[^a-z]", "(?i)\\w+\u00e9",
                // verbose and comments
                "(?x) a \\  b # comment\n", "(?x)[ ]", "(?#note)aab", "(?x: a a b)",
                // look-arounds
                "(?<=a)b", "(?<=ab|cd)b", "(?<!a)b", "a(?=b)", "(?=a)*aab",
                // what Python refuses
                "(", "[z-a]", "\\q", "*a", "\\x4", "a**", "x{2}{3}", "a{3,2}", "(?<=a|bc)x", "a(?i)b", "\\8", "\\e",
                "\\p{L}", "(?<name>a)", "[a-\\w]", "(?L)a", "a)", "(?P=nope)", "\\N{NO SUCH NAME}", "[\\A]", "^*",
                "(a)(?P<x>b)(?P<x>c)", "\\1(a)", "(?au)a", "(?Z)a"
        );
        List<String> all = new ArrayList<>(patterns);
        all.addAll(REFUSED_ON_PURPOSE);
        List<String> python = runPython(SEARCH, json(Map.of("patterns", all, "texts", TEXTS)));

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            String pattern = all.get(i);
            String theirs = python.get(i);
            String ours;
            try {
                PythonRegex regex = PythonRegex.compile(pattern);
                ours = "F " + TEXTS.stream().map(t -> regex.search(t) ? "1" : "0").collect(Collectors.joining());
            } catch (SelectionException e) {
                ours = "E " + e.getMessage();
            }
            boolean agree = theirs.startsWith("E ") ? ours.startsWith("E ") : ours.equals(theirs);
            if (REFUSED_ON_PURPOSE.contains(pattern)) {
                agree = theirs.startsWith("F ") && ours.startsWith("E ");
            }
            if (!agree) {
                differences.add(Escapes.java(pattern) + ": python " + Escapes.java(theirs) + ", camelback "
                        + Escapes.java(ours));
            }
        }

        assertThat(differences).isEmpty();
    }

    @Test
    void categoriesAndCaseFoldingCoverTheCodePointsPythonsDo() throws Exception {
        List<String> patterns = List.of("\\A\\w\\Z", "\\A\\d\\Z", "\\A\\s\\Z", "\\A[\\W]\\Z", "(?i)\\A\\w\\Z",
                "(?i)\\A[a-z\u00e0-\u024f]\\Z", "(?i)\\A\u00df\\Z", "\\A[^\\W\\d]\\Z", "\\A[a\\S]\\Z",
                "\\A[^\\s\\u00e9-\\u00ff]\\Z", "(?a)\\A[^\\w.]\\Z", "\\A\\D\\Z");
        List<String> python = runPython(CODE_POINTS, json(patterns));

        List<String> differences = new ArrayList<>();
        for (int i = 0; i < patterns.size(); i++) {
            PythonRegex regex = PythonRegex.compile(patterns.get(i));
            java.util.BitSet theirs = new java.util.BitSet();
            for (String range : python.get(i).split(" ")) {
                if (!range.isEmpty()) {
                    String[] ends = range.split("-");
                    theirs.set(Integer.parseInt(ends[0], 16), Integer.parseInt(ends[1], 16) + 1);
                }
            }
            for (int c = 0; c <= Character.MAX_CODE_POINT; c++) {
                boolean ours = regex.search(new String(Character.toChars(c)));
                // Python 3.11 knows Unicode 14, the JDK 17 Unicode 13: what came since is all Java does not know.
                if (ours != theirs.get(c) && Character.getType(c) != Character.UNASSIGNED) {
                    differences.add(Escapes.java(patterns.get(i)) + " U+" + Integer.toHexString(c) + ": python "
                            + theirs.get(c));
                }
            }
        }

        assertThat(differences).isEmpty();
    }

    private List<String> runPython(String script, String input) throws IOException, InterruptedException {
        Path scriptFile = Files.writeString(temp.resolve("script.py"), script);
        Path inputFile = Files.writeString(temp.resolve("input.json"), input, StandardCharsets.UTF_8);
        String out = Processes.ok(temp, Map.of("PYTHONIOENCODING", "utf-8"),
                List.of("python3", scriptFile.toString(), inputFile.toString()));
        return List.of(out.split("\n", -1)).subList(0, (int) out.lines().count());
    }

    /** JSON of strings, lists and maps, every character outside printable ASCII escaped (lone surrogates too). */
    private static String json(Object value) {
        if (value instanceof String s) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') {
                    out.append('\\').append(c);
                } else if (c < 0x20 || c > 0x7e) {
                    out.append(String.format("\\u%04x", (int) c));
                } else {
                    out.append(c);
                }
            }
            return out.append('"').toString();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(PythonRegexTest::json).collect(Collectors.joining(",", "[", "]"));
        }
        Map<?, ?> map = (Map<?, ?>) value;
        return map.entrySet().stream().map(e -> json(e.getKey()) + ":" + json(e.getValue()))
                .collect(Collectors.joining(",", "{", "}"));
    }
}
