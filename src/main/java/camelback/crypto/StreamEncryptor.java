package camelback.crypto;

import java.io.IOException;
import java.io.OutputStream;

/** Turns a plaintext stream into a stored one (OpenPGP here). */
public interface StreamEncryptor {
    /** Returns the plaintext side; closing it finishes the message and closes {@code sink}. */
    OutputStream open(OutputStream sink) throws IOException;
}
