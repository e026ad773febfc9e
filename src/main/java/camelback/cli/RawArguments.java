package camelback.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The bytes of a command-line argument. The JVM decodes its arguments as UTF-8 text, so a file name that is not
 * UTF-8 (a Latin-1 name) reaches picocli with U+FFFD in place of its bytes; Linux keeps them in
 * {@code /proc/self/cmdline}, where the argument is found again by that lossy decoding.
 */
final class RawArguments {
    private static final Path COMMAND_LINE = Path.of("/proc/self/cmdline");

    private RawArguments() {
    }

    /** {@code argument}'s bytes: its UTF-8 when it decoded cleanly, else the command line's own bytes. */
    static byte[] bytesOf(String argument) {
        if (argument.indexOf('\uFFFD') < 0) {
            return argument.getBytes(StandardCharsets.UTF_8);
        }
        try {
            return find(argument, split(Files.readAllBytes(COMMAND_LINE)))
                    .orElse(argument.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return argument.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The bytes among {@code arguments} that decode to {@code argument}, whole or after an option's '='. */
    static Optional<byte[]> find(String argument, List<byte[]> arguments) {
        for (byte[] raw : arguments) {
            String text = new String(raw, StandardCharsets.UTF_8);
            if (text.equals(argument)) {
                return Optional.of(raw);
            }
            int equals = indexOf(raw, (byte) '=');
            if (text.startsWith("-") && equals > 0
                    && new String(raw, equals + 1, raw.length - equals - 1, StandardCharsets.UTF_8).equals(argument)) {
                return Optional.of(Arrays.copyOfRange(raw, equals + 1, raw.length));
            }
        }
        return Optional.empty();
    }

    private static List<byte[]> split(byte[] commandLine) {
        List<byte[]> arguments = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < commandLine.length; i++) {
            if (commandLine[i] == 0) {
                arguments.add(Arrays.copyOfRange(commandLine, start, i));
                start = i + 1;
            }
        }
        return arguments;
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
