package camelback.archive;

import static org.assertj.core.api.Assertions.assertThat;

import camelback.archive.ArchiveFileName.Type;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ArchiveFileNameTest {

    @Test
    void formatsAndParsesTimeStrings() {
        assertThat(BackupTime.format(1609502400L)).isEqualTo("20210101T120000Z");
        assertThat(BackupTime.parse("20210101T120000Z")).hasValue(1609502400L);
        assertThat(BackupTime.parse("20210101t120000z")).hasValue(1609502400L);
        assertThat(BackupTime.parse("2021-01-01T12:00:00Z")).hasValue(1609502400L);
        assertThat(BackupTime.parse("2021-01-01T13:00:00+01:00")).hasValue(1609502400L);
        assertThat(BackupTime.parse("2021-13-01T120000Z")).isEmpty();
        assertThat(BackupTime.parse("garbage")).isEmpty();
        assertThat(BackupTime.formatBase36(1609502400L)).isEqualTo("qm9800");
        assertThat(BackupTime.parseBase36("qm9800")).hasValue(1609502400L);
    }

    @Test
    void parsesEveryVectorName() throws IOException {
        for (Path target : List.of(VectorFiles.A_TARGET, VectorFiles.B_TARGET, VectorFiles.C_TARGET)) {
            try (Stream<Path> files = Files.list(target)) {
                for (Path p : files.toList()) {
                    String name = p.getFileName().toString();
                    ArchiveFileName parsed = ArchiveFileName.parse(name).orElseThrow();
                    boolean gpg = target != VectorFiles.A_TARGET;
                    assertThat(parsed.encrypted()).as(name).isEqualTo(gpg);
                    assertThat(parsed.gzipped()).as(name).isEqualTo(!gpg && name.endsWith(".gz"));
                    assertThat(parsed.partial()).isFalse();
                    assertThat(parsed.name()).isEqualTo(name);
                    String suffix = gpg ? ".gpg" : ".gz";
                    ArchiveFileName.SetName set = new ArchiveFileName.SetName(parsed.full(), parsed.startTime(), parsed.endTime());
                    String rebuilt = switch (parsed.type()) {
                        case FULL_VOLUME, INC_VOLUME -> set.volume(parsed.volume(), suffix);
                        case FULL_MANIFEST, INC_MANIFEST -> set.manifest(suffix);
                        case FULL_SIGNATURES, NEW_SIGNATURES -> set.signatures(suffix);
                    };
                    assertThat(rebuilt).isEqualTo(name);
                }
            }
        }
    }

    @Test
    void classifiesTypesTimesAndVolumes() {
        ArchiveFileName vol2 = ArchiveFileName.parse("duplicity-full.20210101T120000Z.vol2.difftar.gz").orElseThrow();
        assertThat(vol2.type()).isEqualTo(Type.FULL_VOLUME);
        assertThat(vol2.volume()).isEqualTo(2);
        assertThat(vol2.startTime()).isEqualTo(VectorFiles.T_FULL);
        assertThat(vol2.endTime()).isEqualTo(VectorFiles.T_FULL);

        ArchiveFileName inc = ArchiveFileName.parse("duplicity-inc.20210101T120000Z.to.20210102T120000Z.manifest.gpg").orElseThrow();
        assertThat(inc.type()).isEqualTo(Type.INC_MANIFEST);
        assertThat(inc.startTime()).isEqualTo(VectorFiles.T_FULL);
        assertThat(inc.endTime()).isEqualTo(VectorFiles.T_INC);
        assertThat(inc.encrypted()).isTrue();

        ArchiveFileName sigs = ArchiveFileName.parse("duplicity-new-signatures.20210101T120000Z.to.20210102T120000Z.sigtar.gz")
                .orElseThrow();
        assertThat(sigs.type()).isEqualTo(Type.NEW_SIGNATURES);
        assertThat(sigs.gzipped()).isTrue();

        assertThat(ArchiveFileName.parse("duplicity-full.20210101T120000Z.manifest.part").orElseThrow().partial()).isTrue();
        assertThat(ArchiveFileName.parse("duplicity-full.2021-01-01T12:00:00Z.vol1.difftar.gz").orElseThrow().startTime())
                .isEqualTo(VectorFiles.T_FULL);
        assertThat(ArchiveFileName.parse("df.qm9800.1.dt.z").orElseThrow().type()).isEqualTo(Type.FULL_VOLUME);
        assertThat(ArchiveFileName.parse("dfs.qm9800.st.z").orElseThrow().gzipped()).isTrue();
        ArchiveFileName shortInc = ArchiveFileName.parse("di.qm9800.qmb2o0.m").orElseThrow();
        assertThat(shortInc.type()).isEqualTo(Type.INC_MANIFEST);
        assertThat(shortInc.endTime()).isEqualTo(VectorFiles.T_INC);
    }

    @Test
    void ignoresUnknownNames() {
        assertThat(ArchiveFileName.parse("README.txt")).isEmpty();
        assertThat(ArchiveFileName.parse("duplicity-full.notatime.vol1.difftar.gz")).isEmpty();
        assertThat(ArchiveFileName.parse("duplicity-full.20210101T120000Z.vol1.difftarx")).isEmpty();
    }

    @Test
    void buildsManifestNamesWithoutGzip() {
        ArchiveFileName.SetName set = ArchiveFileName.SetName.full(VectorFiles.T_FULL);
        assertThat(set.manifest(".gz")).isEqualTo("duplicity-full.20210101T120000Z.manifest");
        assertThat(set.manifest(".gpg")).isEqualTo("duplicity-full.20210101T120000Z.manifest.gpg");
        assertThat(set.volume(3, "")).isEqualTo("duplicity-full.20210101T120000Z.vol3.difftar");
        assertThat(set.signatures(".gz")).isEqualTo("duplicity-full-signatures.20210101T120000Z.sigtar.gz");
    }
}
