package camelback.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.crypto.Decryptor;
import camelback.crypto.KeyFileException;
import camelback.crypto.KeyFiles;
import camelback.crypto.PlaintextStream;
import camelback.crypto.WrongPassphraseException;
import camelback.testing.GpgHome;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.apache.camel.Exchange;
import org.apache.camel.converter.crypto.PGPDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublicKeyDataFormatsTest {
    private static final int SIZE = 20 * 1024 * 1024;
    private static final String VECTOR_KEY_ID = GpgHome.VECTOR_FINGERPRINT.substring(24);

    @TempDir
    static Path dir;

    static GpgHome gpg;
    static DefaultCamelContext camel;
    static Path plainFile;

    @BeforeAll
    static void setUp() throws Exception {
        gpg = new GpgHome(dir);
        gpg.importKey(GpgHome.VECTOR_SECRET_KEY, GpgHome.VECTOR_PASSPHRASE);
        camel = new DefaultCamelContext();
        camel.start();
        plainFile = dir.resolve("volume.tar");
        Random random = new Random(20);
        byte[] chunk = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(plainFile)) {
            for (int i = 0; i < SIZE / chunk.length; i++) {
                random.nextBytes(chunk);
                if (i % 2 == 0) {
                    java.util.Arrays.fill(chunk, 0, chunk.length / 2, (byte) 'x'); // some compressible parts
                }
                out.write(chunk);
            }
        }
    }

    @AfterAll
    static void tearDown() throws Exception {
        camel.stop();
        gpg.close();
    }

    @Test
    void marshalsAFileIntoAMessageGpgDecrypts() throws Exception {
        PGPDataFormat format = PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, GpgHome.VECTOR_FINGERPRINT, true);
        Exchange exchange = new DefaultExchange(camel);
        Path encrypted = dir.resolve("volume.tar.gpg");

        try (OutputStream out = Files.newOutputStream(encrypted)) {
            format.marshal(exchange, plainFile.toFile(), out);
        }

        GpgHome.Result decrypted = gpg.decrypt(encrypted, GpgHome.VECTOR_PASSPHRASE).expectSuccess();
        assertThat(Files.mismatch(decrypted.stdout(), plainFile)).isEqualTo(-1L);
        GpgHome.Result packets = gpg.run("--passphrase", GpgHome.VECTOR_PASSPHRASE, "--show-session-key",
                "--list-packets", encrypted.toString());
        assertThat(packets.stdoutText() + packets.stderr())
                .contains("keyid " + GpgHome.VECTOR_SUBKEY_ID)
                .contains("mdc_method: 2")
                .contains("session key: '9:") // AES-256
                .contains(":compressed packet: algo=2"); // ZLIB
        assertThat(format.getProvider()).isEqualTo("SunJCE");
    }

    @Test
    void signsSoThatGpgReportsAGoodSignatureAndOurDecryptorVerifiesIt() throws Exception {
        PGPDataFormat format = PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, GpgHome.VECTOR_FINGERPRINT,
                true, GpgHome.VECTOR_SECRET_KEY, GpgHome.VECTOR_PASSPHRASE.toCharArray());
        Path encrypted = dir.resolve("signed.tar.gpg");

        try (OutputStream out = Files.newOutputStream(encrypted)) {
            format.marshal(new DefaultExchange(camel), plainFile.toFile(), out);
        }

        GpgHome.Result decrypted = gpg.decrypt(encrypted, GpgHome.VECTOR_PASSPHRASE).expectSuccess();
        assertThat(Files.mismatch(decrypted.stdout(), plainFile)).isEqualTo(-1L);
        assertThat(decrypted.stderr()).contains("Good signature from \"Duplicity Test Key");
        String packets = gpg.listPackets(encrypted, GpgHome.VECTOR_PASSPHRASE);
        // gpg lists no packets after a literal packet of partial lengths, so the signature packet is not shown.
        assertThat(packets).contains(":onepass_sig packet: keyid " + VECTOR_KEY_ID)
                .contains("version 3, sigclass 0x00, digest 8, pubkey 1, last=1"); // 8 = SHA-256
        Decryptor verifying = new Decryptor(GpgHome.VECTOR_PASSPHRASE.toCharArray(),
                KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY), KeyFiles.verificationKeys(GpgHome.VECTOR_PUBLIC_KEY), true);
        try (PlaintextStream in = verifying.open(Files.newInputStream(encrypted))) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(SIZE);
            assertThat(in.signerKeyId()).contains(VECTOR_KEY_ID);
        }
    }

    @Test
    void rejectsAWrongSigningPassphraseBeforeAnyDataFlows() {
        assertThatThrownBy(() -> PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, null, true,
                        GpgHome.VECTOR_SECRET_KEY, "wrong".toCharArray()))
                .isInstanceOf(WrongPassphraseException.class)
                .hasMessageContaining(VECTOR_KEY_ID);
    }

    @Test
    void streamsTheBodyInsteadOfHoldingItInMemory() throws Exception {
        PGPDataFormat format = PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, null, false);
        long[] readWhenOutputPassedOneMiB = {-1};
        try (CountingInput body = new CountingInput(Files.newInputStream(plainFile));
                OutputStream sink = new FilterOutputStream(OutputStream.nullOutputStream()) {
                    long written;

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        written += len;
                        if (written > (1 << 20) && readWhenOutputPassedOneMiB[0] < 0) {
                            readWhenOutputPassedOneMiB[0] = body.count;
                        }
                    }
                }) {
            format.marshal(new DefaultExchange(camel), body, sink);
            assertThat(body.count).isEqualTo(SIZE);
        }

        assertThat(readWhenOutputPassedOneMiB[0]).isBetween(0L, 4L << 20);
    }

    @Test
    void selectsTheKeyByUserIdAndNamesTheFileWhenNothingMatches() throws Exception {
        assertThat(PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, "duplicity-test@example.invalid", false)
                        .getKeyUserid())
                .contains("Duplicity Test Key");
        assertThatThrownBy(() -> PublicKeyDataFormats.forPublicKey(GpgHome.VECTOR_PUBLIC_KEY, "nobody@example.invalid", true))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(GpgHome.VECTOR_PUBLIC_KEY.toString())
                .hasMessageContaining("nobody@example.invalid");
        Path missing = dir.resolve("missing.asc");
        assertThatThrownBy(() -> PublicKeyDataFormats.forPublicKey(missing, null, true))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(missing.toString());
    }

    private static final class CountingInput extends FilterInputStream {
        long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            count += b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            count += Math.max(n, 0);
            return n;
        }
    }
}
