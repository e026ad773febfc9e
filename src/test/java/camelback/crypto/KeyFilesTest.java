package camelback.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import camelback.testing.GpgHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void picksTheEncryptionSubkeyOfTheVectorKey() throws Exception {
        List<PGPPublicKey> keys = KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY);

        assertThat(keys).hasSize(1);
        assertThat(String.format("%016X", keys.get(0).getKeyID())).isEqualTo(GpgHome.VECTOR_SUBKEY_ID);
        assertThat(KeyFiles.fingerprint(keys.get(0))).isEqualTo(GpgHome.VECTOR_FINGERPRINT);
    }

    @Test
    void readsTheVectorSecretKey() throws Exception {
        assertThat(KeyFiles.secretKeys(GpgHome.VECTOR_SECRET_KEY).getSecretKey(Long.parseUnsignedLong(GpgHome.VECTOR_SUBKEY_ID, 16)))
                .isNotNull();
    }

    @Test
    void missingFileIsNamed() {
        Path missing = dir.resolve("no-such-key.asc");

        assertThatThrownBy(() -> KeyFiles.encryptionKeys(missing))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> KeyFiles.secretKeys(missing))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void garbledFileIsNamed() throws Exception {
        String armored = Files.readString(GpgHome.VECTOR_PUBLIC_KEY);
        Path garbled = Files.writeString(dir.resolve("garbled.asc"),
                armored.substring(0, armored.length() / 2) + "!!!garbage!!!\n" + armored.substring(armored.length() / 2 + 20));
        Path text = Files.writeString(dir.resolve("text.asc"), "this is not a key\n");

        for (Path file : List.of(garbled, text)) {
            assertThatThrownBy(() -> KeyFiles.encryptionKeys(file))
                    .isInstanceOf(KeyFileException.class)
                    .hasMessageContaining(file.toString());
            assertThatThrownBy(() -> KeyFiles.secretKeys(file))
                    .isInstanceOf(KeyFileException.class)
                    .hasMessageContaining(file.toString());
        }
    }

    @Test
    void publicKeyFileWithoutEncryptionKeyIsRejected() throws Exception {
        // The vector ring without its encryption subkey: export of the primary key only.
        var ring = KeyFiles.publicKeyRings(GpgHome.VECTOR_PUBLIC_KEY).get(0);
        var subkey = KeyFiles.encryptionKeys(GpgHome.VECTOR_PUBLIC_KEY).get(0);
        var signOnly = org.bouncycastle.openpgp.PGPPublicKeyRing.removePublicKey(ring, subkey);
        Path file = Files.write(dir.resolve("sign-only.pgp"), signOnly.getEncoded());

        assertThatThrownBy(() -> KeyFiles.encryptionKeys(file))
                .isInstanceOf(KeyFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("no valid encryption");
    }
}
