package camelback.archive;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small random source tree for comparing selections: nested and empty directories, and names a glob can trip on
 * (glob characters, brackets, spaces, dots, case variants, Unicode with odd case rules, line and paragraph
 * separators), symbolic links to directories and files, marker files for {@code exclude-if-present}, and device
 * files and fifos when asked.
 */
public final class RandomTree {
    /** What a directory's entries are named after; several per directory, so case variants meet. */
    public static final List<String> NAMES = List.of(
            "a", "b", "c", "ab", "abc", "A", "B", "AB", "Abc",
            "x.txt", "X.TXT", "x.TXT", "a.b", ".hidden", "..dots", "dot.",
            "sp ace", " lead", "trail ", "two  spaces",
            "[ab]", "a[1]", "[", "]", "b]", "[!a]", "[^a]", "[a-c]", "[]]", "a[",
            "*", "?", "a*", "*b", "a?c", "**", "a**b",
            "ü", "Ü", "straße", "STRASSE", "ß", "ſ", "s", "S", "\u212a", "k", "K", "İ", "ı", "i", "I",
            "ς", "σ", "Σ", "日本", "emoji😀", "\ud801\udc00", "\ud801\udc28", "µ", "μ", "Ω", "\u2126", "Å", "\u212b", "ǅ", "ǆ", "Ǆ",
            "cache", "build", "keep", "logs", ".nobackup",
            "+ plus", "- minus", "#hash", "'q'", "\"dq\"", "ignorecase:x", "IgnoreCase:y",
            "cr\r", "ls\u2028", "nel\u0085", "nl\n", "tab\t", "nbsp\u00a0", "\u00a0lead", "back\\slash",
            "dollar$", "caret^", "paren(x)", "brace{x}", "pipe|", "plus+", "amp&&", "dash-", "a-c", "\ufffd",
            // Not UTF-8: each stray byte is a surrogate U+DC80..U+DCFF here, as in duplicity's Python.
            "caf\udce9", "cut\udce2\udc82", "sur\udced\udca0\udc80", "\udcff\udcfe");
    public static final String MARKER = ".nobackup";

    enum Kind { DIRECTORY, FILE, LINK, DEVICE, FIFO, SOCKET }

    /** One path made, relative to the root, as its components. */
    record Entry(List<String> components, Kind kind) {
        String relative() {
            return String.join("/", components);
        }
    }

    private final Random random;
    private final Path root;
    private final boolean devices;
    private final List<Entry> entries = new ArrayList<>();
    private final List<ServerSocketChannel> sockets = new ArrayList<>();

    private RandomTree(Random random, Path root, boolean devices) {
        this.random = random;
        this.root = root;
        this.devices = devices;
    }

    /** @param devices whether to make device files (needs root) */
    static RandomTree grow(Random random, Path root, boolean devices) throws IOException {
        RandomTree tree = new RandomTree(random, Files.createDirectories(root), devices);
        tree.fill(root, List.of(), 0);
        tree.closeSockets();
        return tree;
    }

    List<Entry> entries() {
        return entries;
    }

    Path root() {
        return root;
    }

    private void fill(Path dir, List<String> above, int depth) throws IOException {
        int count = depth == 0 ? 3 + random.nextInt(5) : random.nextInt(depth >= 3 ? 3 : 6);
        List<String> taken = new ArrayList<>();
        for (int k = 0; k < count && entries.size() < 70; k++) {
            String name = NAMES.get(random.nextInt(NAMES.size()));
            if (random.nextInt(12) == 0) {
                name = MARKER;
            }
            if (taken.contains(name)) {
                continue;
            }
            taken.add(name);
            List<String> components = new ArrayList<>(above);
            components.add(name);
            Path path = PathBytes.resolve(dir, bytes(name));
            Kind kind = make(path, depth);
            entries.add(new Entry(List.copyOf(components), kind));
            if (kind == Kind.DIRECTORY && depth < 4) {
                fill(path, components, depth + 1);
            }
        }
    }

    private Kind make(Path path, int depth) throws IOException {
        int dice = random.nextInt(100);
        if (!PathBytes.plainString(path) && dice >= 52) {
            // The tools that make fifos and devices take names as text: a file instead.
            dice = 99;
        }
        if (dice < 40 && depth < 4) {
            Files.createDirectory(path);
            return Kind.DIRECTORY;
        }
        if (dice < 52) {
            // To a sibling or an ancestor (a directory), to a name that may not exist, or to the root.
            String[] targets = {"a", "..", "../..", "b/c", "x.txt", root.toString(), "missing"};
            Files.createSymbolicLink(path, Path.of(targets[random.nextInt(targets.length)]));
            return Kind.LINK;
        }
        if (dice < 56 && devices) {
            boolean block = random.nextBoolean();
            run("mknod", path.toString(), block ? "b" : "c", block ? "7" : "1", block ? "0" : "3");
            return Kind.DEVICE;
        }
        if (dice < 58) {
            run("mkfifo", path.toString());
            return Kind.FIFO;
        }
        if (dice < 59) {
            ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            sockets.add(socket);
            try {
                socket.bind(UnixDomainSocketAddress.of(path));
                return Kind.SOCKET;
            } catch (IOException e) {
                // A path too long for a socket's address: a file instead.
            }
        }
        Files.writeString(path, entries.size() + "\n");
        return Kind.FILE;
    }

    /** A name's bytes: UTF-8, but a surrogate U+DC80..U+DCFF is the byte it stands for. */
    public static byte[] bytes(String name) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        name.codePoints().forEach(c -> {
            if (c >= 0xDC80 && c <= 0xDCFF) {
                out.write(c - 0xDC00);
            } else {
                out.writeBytes(new String(Character.toChars(c)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        });
        return out.toByteArray();
    }

    /** The socket files stay; nobody need listen on them. */
    private void closeSockets() throws IOException {
        for (ServerSocketChannel socket : sockets) {
            socket.close();
        }
    }

    public static void run(String... command) throws IOException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IOException(String.join(" ", command) + " failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** One line per path, with Java's escapes, for a failure message. */
    String describe() {
        StringBuilder out = new StringBuilder();
        for (Entry entry : entries) {
            out.append("  ").append(entry.kind()).append(' ').append(Escapes.java(entry.relative())).append('\n');
        }
        return out.toString();
    }
}
