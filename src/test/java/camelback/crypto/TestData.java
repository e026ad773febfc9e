package camelback.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Deterministic test content: half random, half text, so that compression has something to do. */
final class TestData {
    private TestData() {}

    static byte[] bytes(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        byte[] text = "line of text that compresses well\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        for (int i = size / 2; i < size; i++) {
            data[i] = text[i % text.length];
        }
        return data;
    }

    static Path file(Path dir, String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    static Path encrypt(StreamEncryptor encryptor, byte[] plaintext, Path target) throws IOException {
        try (OutputStream out = encryptor.open(Files.newOutputStream(target))) {
            // Odd chunk sizes, as a tar writer would produce them.
            for (int off = 0; off < plaintext.length; off += 7919) {
                out.write(plaintext, off, Math.min(7919, plaintext.length - off));
            }
        }
        return target;
    }

    static byte[] decrypt(Decryptor decryptor, Path ciphertext) throws IOException {
        try (InputStream in = decryptor.open(Files.newInputStream(ciphertext))) {
            return in.readAllBytes();
        }
    }
}
