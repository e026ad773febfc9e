package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexOrderTest {

    @Test
    void sortsComponentWiseWithPrefixFirst() {
        List<PathIndex> paths = new ArrayList<>(List.of(PathIndex.of("a.txt"), PathIndex.of("a/b"), PathIndex.of("big.bin"),
                PathIndex.of("README.txt"), PathIndex.of("a"), PathIndex.of("."), PathIndex.of("ü"), PathIndex.of("z")));
        paths.sort(IndexOrder.INSTANCE);
        assertThat(paths).extracting(PathIndex::toString)
                .containsExactly(".", "README.txt", "a", "a/b", "a.txt", "big.bin", "z", "ü");
    }

    @Test
    void comparesBytesUnsigned() {
        assertThat(IndexOrder.compareBytes(new byte[] {(byte) 0xc3}, new byte[] {'z'})).isPositive();
        assertThat(IndexOrder.compareBytes(new byte[] {'a'}, new byte[] {'a', 'b'})).isNegative();
    }

    @Test
    void volumeRangeSelectsByPrefix() {
        ManifestVolume vol1 = new ManifestVolume(1, PathIndex.ROOT, null, PathIndex.of("big.bin"), 15, "SHA1", "x");
        ManifestVolume vol2 = new ManifestVolume(2, PathIndex.of("big.bin"), 16, PathIndex.of("ünïcödé-名前.txt"), null, "SHA1", "x");
        assertThat(vol1.mayContain(PathIndex.of("big.bin"))).isTrue();
        assertThat(vol2.mayContain(PathIndex.of("big.bin"))).isTrue();
        assertThat(vol1.mayContain(PathIndex.of("hello.txt"))).isFalse();
        assertThat(vol2.mayContain(PathIndex.of("hello.txt"))).isTrue();
        assertThat(vol1.mayContain(PathIndex.of("README.txt"))).isTrue();
        assertThat(vol2.mayContain(PathIndex.of("README.txt"))).isFalse();
    }
}
