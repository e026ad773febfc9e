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

    /** gpg --import reads every armor block of a file; so must we, or a backup silently skips a recipient. */
    @Test
    void readsEveryKeyOfConcatenatedArmoredFiles() throws Exception {
        Path otherPublic = dir.resolve("other.pub.asc");
        Path otherSecret = dir.resolve("other.sec.asc");
        KeyPairGenerator.generate("Other <other@example.invalid>", new char[0], otherPublic, otherSecret);
        Path publics = Files.writeString(dir.resolve("both.pub.asc"),
                Files.readString(GpgHome.VECTOR_PUBLIC_KEY) + Files.readString(otherPublic));
        Path secrets = Files.writeString(dir.resolve("both.sec.asc"),
                Files.readString(GpgHome.VECTOR_SECRET_KEY) + Files.readString(otherSecret));
        long otherEncryptionKey = KeyFiles.encryptionKeys(otherPublic).get(0).getKeyID();

        assertThat(KeyFiles.encryptionKeys(publics)).extracting(PGPPublicKey::getKeyID)
                .containsExactly(Long.parseUnsignedLong(GpgHome.VECTOR_SUBKEY_ID, 16), otherEncryptionKey);
        assertThat(KeyFiles.verificationKeys(publics).size()).isEqualTo(2);
        assertThat(KeyFiles.secretKeys(secrets).getSecretKey(Long.parseUnsignedLong(GpgHome.VECTOR_SUBKEY_ID, 16)))
                .isNotNull();
        assertThat(KeyFiles.secretKeys(secrets).getSecretKey(otherEncryptionKey)).isNotNull();
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
