package camelback.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JobConfigsTest {
    @TempDir
    Path home;

    private static Properties props(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private JobConfigs load(String text) throws Exception {
        return JobConfigs.load(props(text), home, Secrets.of(Map.of(), null));
    }

    @Test
    void shippedConfigurationHasTheSampleAndTheSeedJobsDisabled() {
        JobConfigs jobs = JobConfigs.load(JobConfigs.readProperties(Path.of("config/application.properties")),
                Path.of("").toAbsolutePath(), Secrets.of(Map.of(), null));
        assertThat(jobs.all()).containsKeys("sample", "data", "mongodb", "elasticsearch");
        assertThat(jobs.enabled()).extracting(JobConfig::name).containsExactly("sample");
        assertThat(jobs.get("data").cron()).isEqualTo("0 15 1 * * ?");
        assertThat(jobs.get("sample").target()).startsWith("file:///").endsWith("/work/sample-target");
    }

    @Test
    void relativePathsAreTakenFromTheAppHomeAndDefaultsApply() throws Exception {
        JobConfig job = load("""
                camelback.job.docs.source=data/docs
                camelback.job.docs.target=s3://bucket/prefix
                camelback.job.docs.encryption=none
                """).get("docs");
        assertThat(job.source()).isEqualTo(home.resolve("data/docs"));
        assertThat(job.localdir()).isEqualTo(home.resolve("data/docs").toString());
        assertThat(job.volsizeBytes()).isEqualTo(200L * 1024 * 1024);
        assertThat(job.encryption()).isEqualTo(Encryption.NONE);
        assertThat(job.archiveDir().getFileName().toString()).isEqualTo(JobConfigs.archiveName("s3://bucket/prefix"));
    }

    @Test
    void archiveNameIsDuplicitysMd5OfTheUrl() {
        assertThat(JobConfigs.archiveName("file:///srv/backup/tgt")).isEqualTo("9a55bda44de5597c3595b07400b47a77");
    }

    @Test
    void duplicitysS3UrlFormsAreTargetsToo() throws Exception {
        JobConfigs jobs = load("""
                camelback.job.a.source=/a
                camelback.job.a.target=boto3+s3://bucket/host1
                camelback.job.a.encryption=none
                camelback.job.b.source=/b
                camelback.job.b.target=s3+http://bucket/host2
                camelback.job.b.encryption=none
                """);
        assertThat(jobs.get("a").target()).isEqualTo("boto3+s3://bucket/host1");
        assertThat(jobs.get("b").target()).isEqualTo("s3+http://bucket/host2");
    }

    @Test
    void unknownJobNamesTheConfiguredOnes() throws Exception {
        JobConfigs jobs = load("camelback.job.a.source=/x\ncamelback.job.a.target=file:///t\ncamelback.job.a.encryption=none\n");
        assertThatThrownBy(() -> jobs.get("b")).isInstanceOf(ConfigException.class).hasMessageContaining("unknown job 'b'")
                .hasMessageContaining("[a]");
    }

    @Test
    void missingSourceBadEncryptionAndMissingPublicKeyAreNamed() {
        assertThatThrownBy(() -> load("camelback.job.a.target=file:///t\n"))
                .hasMessageContaining("camelback.job.a.source");
        assertThatThrownBy(() -> load("camelback.job.a.source=/s\ncamelback.job.a.target=file:///t\ncamelback.job.a.encryption=rot13\n"))
                .hasMessageContaining("camelback.job.a.encryption").hasMessageContaining("rot13");
        assertThatThrownBy(() -> load("camelback.job.a.source=/s\ncamelback.job.a.target=file:///t\n"))
                .hasMessageContaining("camelback.job.a.public-key");
        assertThatThrownBy(() -> load("camelback.job.a.source=/s\ncamelback.job.a.target=ftp://x\ncamelback.job.a.encryption=none\n"))
                .hasMessageContaining("not a supported target");
        assertThatThrownBy(() -> load("camelback.job.a.source=/s\ncamelback.job.a.target=ftp://user:secret@x\ncamelback.job.a.encryption=none\n"))
                .hasMessageContaining("not a supported target").hasMessageNotContaining("secret");
    }

    @Test
    void jobsShareATargetUnderDifferentFilePrefixesEachWithItsOwnArchiveDir() throws Exception {
        JobConfigs jobs = load("""
                camelback.job.a.source=/a
                camelback.job.a.target=s3://bucket/backups
                camelback.job.a.encryption=none
                camelback.job.a.file-prefix=host1_
                camelback.job.a.file-prefix-archive=vol-
                camelback.job.b.source=/b
                camelback.job.b.target=s3://bucket/backups
                camelback.job.b.encryption=none
                """);
        assertThat(jobs.get("a").prefixes()).isEqualTo(new FilePrefixes("host1_", "vol-", "", ""));
        assertThat(jobs.get("a").storedName("duplicity-full.20240102T030405Z.vol1.difftar.gz"))
                .isEqualTo("host1_vol-duplicity-full.20240102T030405Z.vol1.difftar.gz");
        assertThat(jobs.get("b").prefixes().none()).isTrue();
        assertThat(jobs.get("a").archiveDir()).isNotEqualTo(jobs.get("b").archiveDir());
        assertThat(jobs.get("b").archiveDir().getFileName().toString()).isEqualTo(JobConfigs.archiveName("s3://bucket/backups"));
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.file-prefix=h_
                camelback.job.b.source=/b
                camelback.job.b.target=file:///t
                camelback.job.b.encryption=none
                camelback.job.b.file-prefix=h_
                """)).hasMessageContaining("share the target file:///t with the same file prefixes");
    }

    @Test
    void twoJobsMayNotShareATargetOrAnArchiveDir() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.b.source=/b
                camelback.job.b.target=file:///t
                camelback.job.b.encryption=none
                """)).hasMessageContaining("share the target");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t1
                camelback.job.a.encryption=none
                camelback.job.a.archive-dir=/cache
                camelback.job.b.source=/b
                camelback.job.b.target=file:///t2
                camelback.job.b.encryption=none
                camelback.job.b.archive-dir=/cache
                """)).hasMessageContaining("share the archive dir");
    }

    @Test
    void jobsNamingOneTargetInTwoSpellingsShareIt() {
        // duplicity's schemes and a trailing slash name the same bucket prefix: both jobs' sets would land in one chain
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=s3://bucket/host
                camelback.job.a.encryption=none
                camelback.job.b.source=/b
                camelback.job.b.target=boto3+s3://bucket/host/
                camelback.job.b.encryption=none
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("share the target");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.b.source=/b
                camelback.job.b.target=file:///t/../t/
                camelback.job.b.encryption=none
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("share the target");
    }

    @Test
    void keepingNoChainIsRefusedAtLoadInsteadOfFailingEveryRunsRetention() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.keep-full=0
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.job.a.keep-full must be at least 1, not 0");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.keep-inc-of-full=-2
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.job.a.keep-inc-of-full must be at least 1");
    }

    @Test
    void aMisspelledJobOrMailKeyIsRefusedWithTheKeyItMeant() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.keep-ful=4
                camelback.job.a.pre-comand.0=mongodump
                camelback.mail.hots=smtp.example.org
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.job.a.keep-ful (did you mean camelback.job.a.keep-full?)")
                .hasMessageContaining("camelback.job.a.pre-comand.0")
                .hasMessageContaining("camelback.mail.hots (did you mean camelback.mail.host?)");
    }

    @Test
    void everyDocumentedKeyIsAccepted() throws Exception {
        JobConfig job = load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.keep-full=4
                camelback.job.a.keep-inc-of-full=2
                camelback.job.a.pre-command.0=true
                camelback.job.a.post-command.0=true
                camelback.job.a.post-timeout=1m
                camelback.job.a.s3-region=eu-west-1
                camelback.job.a.mail-to=a@example.org
                camelback.mail.host=smtp.example.org
                camelback.mail.port=587
                camelback.mail.starttls=true
                camelback.mail.timeout=2m
                camelback.mail.to=ops@example.org
                """).get("a");
        assertThat(job.retention().keepFull()).isEqualTo(4);
    }

    @Test
    void theMailTimeoutAndStarttlsAreReadAndTheTimeoutStaysCamelMailsByDefault() throws Exception {
        MailSettings mail = load("""
                camelback.mail.host=smtp.example.org
                camelback.mail.starttls=true
                camelback.mail.timeout=1m30s
                """).mail();
        assertThat(mail.starttls()).isTrue();
        assertThat(mail.tls()).isFalse();
        assertThat(mail.timeout()).isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(load("camelback.mail.host=smtp.example.org\n").mail().timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
    }

    @Test
    void aBadMailTimeoutOrStarttlsValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("camelback.mail.timeout=soon\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.mail.timeout: bad interval 'soon'");
        assertThatThrownBy(() -> load("camelback.mail.timeout=0s\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.mail.timeout must be at least 1s");
        assertThatThrownBy(() -> load("camelback.mail.starttls=yes\n")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.mail.starttls must be true or false, not 'yes'");
        assertThatThrownBy(() -> load("""
                camelback.mail.tls=true
                camelback.mail.starttls=true
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.mail.tls and camelback.mail.starttls are both true");
    }

    @Test
    void theCaFileIsReadAtStartAndRefusedWhenMissingNotPemOrUnused() throws Exception {
        Path pem = camelback.testing.TestCertificate.issue(home.resolve("certs"), "mail.example.org").pem();
        MailSettings mail = load("""
                camelback.mail.starttls=true
                camelback.mail.ca-file=certs/mail.example.org.pem
                """).mail();
        assertThat(mail.trust().file()).isEqualTo(pem);
        assertThat(mail.trust().certificates()).singleElement()
                .satisfies(c -> assertThat(c.getSubjectX500Principal().getName()).isEqualTo("CN=mail.example.org"));
        assertThatThrownBy(() -> load("""
                camelback.mail.starttls=true
                camelback.mail.ca-file=certs/nope.pem
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.mail.ca-file: " + home.resolve("certs/nope.pem") + " not found");
        java.nio.file.Files.writeString(home.resolve("certs/garbage.pem"), "not a certificate\n");
        assertThatThrownBy(() -> load("""
                camelback.mail.tls=true
                camelback.mail.ca-file=certs/garbage.pem
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.mail.ca-file: " + home.resolve("certs/garbage.pem"));
        assertThatThrownBy(() -> load("""
                camelback.mail.ca-file=certs/mail.example.org.pem
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.mail.ca-file is set but neither camelback.mail.tls nor camelback.mail.starttls is true");
    }

    @Test
    void theS3ReadTimeoutReachesTheStoresSettingsAndNoneIsRefused() throws Exception {
        JobConfig job = load("""
                camelback.job.a.source=/a
                camelback.job.a.target=s3://bucket/a
                camelback.job.a.encryption=none
                camelback.job.a.s3-read-timeout=1m30s
                """).get("a");
        assertThat(Targets.s3Settings(job.s3(), Secrets.of(Map.of(), null), "a").readTimeout())
                .isEqualTo(java.time.Duration.ofSeconds(90));
        assertThat(Targets.s3Settings(load("""
                camelback.job.b.source=/b
                camelback.job.b.target=s3://bucket/b
                camelback.job.b.encryption=none
                """).get("b").s3(), Secrets.of(Map.of(), null), "b").readTimeout())
                .isEqualTo(camelback.store.S3Settings.DEFAULT_READ_TIMEOUT);
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=s3://bucket/a
                camelback.job.a.encryption=none
                camelback.job.a.s3-read-timeout=0s
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.job.a.s3-read-timeout must be at least 1s");
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseIsRefusedInsteadOfTakenForFalse() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.enabled=ture
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.job.a.enabled must be true or false, not 'ture'");
        assertThatThrownBy(() -> load("""
                camelback.mail.tls=yes
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.mail.tls must be true or false, not 'yes'");
    }

    @Test
    void aCronExpressionQuartzRejectsIsNamed() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/a
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.cron=15 1 * * *
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("camelback.job.a.cron=15 1 * * *")
                .hasMessageContaining("Quartz");
    }

    @Test
    void stepsGuardAndRetentionAreRead() throws Exception {
        JobConfig job = load("""
                camelback.job.m.source=/dump
                camelback.job.m.target=file:///t
                camelback.job.m.encryption=none
                camelback.job.m.pre-command.0=mongodump
                camelback.job.m.pre-command.1=--out=/dump dir
                camelback.job.m.pre-timeout=2h
                camelback.job.m.guard=mongo-secondary
                camelback.job.m.guard-uri=mongodb://db1:27017
                camelback.job.m.keep-full=4
                """).get("m");
        assertThat(job.steps().pre().command()).containsExactly("mongodump", "--out=/dump dir");
        assertThat(job.steps().pre().timeout()).hasHours(2);
        assertThat(job.steps().guard().uri()).isEqualTo("mongodb://db1:27017");
        assertThat(job.retention().keepFull()).isEqualTo(4);
        assertThatThrownBy(() -> load("""
                camelback.job.m.source=/dump
                camelback.job.m.target=file:///t
                camelback.job.m.encryption=none
                camelback.job.m.pre-command.0=mongodump
                camelback.job.m.pre-command.2=--oplog
                """)).hasMessageContaining("pre-command.1 is missing");
    }

    @Test
    void exclusionsComeFromTheFilelistThenTheExcludeKey() throws Exception {
        Path src = java.nio.file.Files.createDirectories(home.resolve("src"));
        java.nio.file.Files.write(home.resolve("exclude"), java.util.List.of("+ " + src + "/cache/keep", src + "/cache"));
        JobConfig job = load("""
                camelback.job.a.source=src
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude-filelist=exclude
                camelback.job.a.exclude=**/*.tmp, **/.cache
                camelback.job.a.exclude-if-present=.nobackup
                camelback.job.a.exclude-device-files=true
                """).get("a");

        assertThat(job.selection().toString()).isEqualTo("exclude-if-present .nobackup; exclude device files; include "
                + src + "/cache/keep; exclude " + src + "/cache; exclude **/*.tmp; exclude **/.cache");
    }

    @Test
    void aGlobThatCannotMatchIsRefusedAtStartNamingItsKey() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude=/srv/www/tmp, cache
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camelback.job.a.exclude: the glob cache cannot match anything in the source /srv/www");
    }

    @Test
    void aMissingFilelistFailsTheBackupNotTheRestoreMachinesStart() throws Exception {
        JobConfig job = load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude-filelist=/etc/camelback/www.exclude
                """).get("a");

        assertThatThrownBy(job::selection).isInstanceOf(ConfigException.class)
                .hasMessage("camelback.job.a.exclude-filelist: the filelist /etc/camelback/www.exclude does not exist");
    }

    @Test
    void everySelectionKeyTakesItsPlaceInTheDocumentedOrder() throws Exception {
        Path src = java.nio.file.Files.createDirectories(home.resolve("src"));
        java.nio.file.Files.write(home.resolve("exclude"), java.util.List.of("- " + src + "/tmp"));
        java.nio.file.Files.write(home.resolve("include"), java.util.List.of(src + "/www", "- " + src + "/www/cache"));
        JobConfig job = load("""
                camelback.job.a.source=src
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude-other-filesystems=true
                camelback.job.a.exclude-older-than=1234567890
                camelback.job.a.exclude-regexp.1=\\\\.bak$
                camelback.job.a.exclude-regexp=\\\\.tmp{1,2}$
                camelback.job.a.exclude=**
                camelback.job.a.include-regexp=/keep\\\\d+$
                camelback.job.a.include=%1$s/etc, %1$s/home
                camelback.job.a.include-filelist=include
                camelback.job.a.exclude-filelist=exclude
                camelback.job.a.exclude-device-files=true
                camelback.job.a.exclude-if-present=.nobackup
                """.formatted(src)).get("a");

        assertThat(job.selection().toString()).isEqualTo("exclude-if-present .nobackup; exclude device files; exclude "
                + src + "/tmp; include " + src + "/www; exclude " + src + "/www/cache; include " + src + "/etc; include "
                + src + "/home; include-regexp /keep\\d+$; exclude **; exclude-regexp \\.tmp{1,2}$; exclude-regexp"
                + " \\.bak$; exclude-older-than 20090213T233130Z; exclude other file systems");
    }

    @Test
    void anInvalidRegexOrTimeIsRefusedAtStartNamingItsKey() {
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude-regexp.0=[z-a]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camelback.job.a.exclude-regexp: the regular expression [z-a] is not valid in"
                        + " Python: bad character range");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.include-regexp=(?i:www)
                camelback.job.a.exclude=**
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("camelback.job.a.include-regexp: the regular expression (?i:www) sets the flag i"
                        + " for part of it only");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.exclude-older-than=last week
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camelback.job.a.exclude-older-than: bad time string 'last week'");
        assertThatThrownBy(() -> load("""
                camelback.job.a.source=/srv/www
                camelback.job.a.target=file:///t
                camelback.job.a.encryption=none
                camelback.job.a.include=/srv/www/keep
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("camelback.job.a.include: the last selection rule (include /srv/www/keep) only"
                        + " includes");
    }
}
