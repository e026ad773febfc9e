package camelback.rsync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The test vectors' "X stream": SHA-256(X ‖ i as 8-byte big-endian) for i = 0, 1, 2, ... */
final class Sha256Stream {

    private Sha256Stream() {
    }

    static byte[] first(String seed, int length) {
        MessageDigest sha = sha256();
        byte[] prefix = seed.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[length];
        ByteBuffer counter = ByteBuffer.allocate(8);
        for (long i = 0; i * 32 < length; i++) {
            sha.update(prefix);
            sha.update(counter.clear().putLong(i).array());
            byte[] d = sha.digest();
            int at = (int) (i * 32);
            System.arraycopy(d, 0, out, at, Math.min(32, length - at));
        }
        return out;
    }

    static String hex(byte[] data) {
        MessageDigest sha = sha256();
        StringBuilder sb = new StringBuilder();
        for (byte b : sha.digest(data)) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
