package camelback.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunLockTest {
    @TempDir
    Path archiveDir;

    @Test
    void writesTheHolderAndDeletesTheFileOnClose() throws Exception {
        Path file;
        try (RunLock lock = RunLock.acquire(archiveDir, "backup data")) {
            file = lock.file();
            assertThat(file).isEqualTo(archiveDir.toRealPath().resolve("lockfile"));
            assertThat(Files.readString(file))
                    .contains("pid=" + ProcessHandle.current().pid(), "description=backup data", "started=");
        }
        assertThat(file).doesNotExist();
        try (RunLock again = RunLock.acquire(archiveDir, "backup data")) {
            assertThat(again.file()).exists();
        }
    }

    @Test
    void secondAcquireInTheSameProcessIsRefusedAndTheFirstLockSurvives() throws Exception {
        try (RunLock first = RunLock.acquire(archiveDir, "backup data")) {
            assertThatThrownBy(() -> RunLock.acquire(archiveDir, "prune data"))
                    .isInstanceOfSatisfying(LockedException.class, e -> {
                        assertThat(e.holder()).hasValueSatisfying(h -> {
                            assertThat(h.pid()).isEqualTo(ProcessHandle.current().pid());
                            assertThat(h.description()).isEqualTo("backup data");
                        });
                        assertThat(e.getMessage()).contains("backup data", "wait for that run to finish");
                    });
            assertThat(first.file()).exists();
        }
    }

    @Test
    void anotherProcessHoldingTheLockIsNamedAndItsDeathFreesTheLock() throws Exception {
        Process other = startHolder();
        try {
            assertThatThrownBy(() -> RunLock.acquire(archiveDir, "backup data"))
                    .isInstanceOfSatisfying(LockedException.class, e -> {
                        assertThat(e.holder()).hasValueSatisfying(h -> {
                            assertThat(h.pid()).isEqualTo(other.pid());
                            assertThat(h.description()).isEqualTo("backup other-jvm");
                        });
                        assertThat(e.getMessage()).contains("pid " + other.pid());
                    });
        } finally {
            other.destroyForcibly();
            other.waitFor(30, TimeUnit.SECONDS);
        }
        // The killed holder left its file behind; the OS released its lock.
        assertThat(Files.readString(archiveDir.resolve("lockfile"))).contains("pid=" + other.pid());

        try (RunLock lock = RunLock.acquire(archiveDir, "backup data")) {
            assertThat(Files.readString(lock.file())).contains("pid=" + ProcessHandle.current().pid())
                    .doesNotContain("pid=" + other.pid());
        }
    }

    @Test
    void aLockFileDuplicityHoldsIsRespected() throws Exception {
        // duplicity (Python fasteners) takes a POSIX lock on the same file and writes nothing into it.
        Process python = new ProcessBuilder(List.of("python3", "-c",
                "import fcntl,sys,time; f=open(sys.argv[1],'a'); fcntl.lockf(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(600)",
                archiveDir.resolve("lockfile").toString())).redirectErrorStream(true).start();
        try {
            assertThat(firstLine(python)).isEqualTo("locked");
            assertThatThrownBy(() -> RunLock.acquire(archiveDir, "backup data"))
                    .isInstanceOfSatisfying(LockedException.class, e -> {
                        assertThat(e.holder()).isEmpty();
                        assertThat(e.getMessage()).contains("duplicity");
                    });
        } finally {
            python.destroyForcibly();
            python.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private Process startHolder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                LockHoldingMain.class.getName(), archiveDir.toString())).redirectErrorStream(true).start();
        String line = firstLine(process);
        assertThat(line).as("the holder process should report its lock").startsWith("locked ");
        return process;
    }

    private static String firstLine(Process process) throws Exception {
        // Lines before ours are the logger's; stop at ours or at the end of the output.
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("locked")) {
            System.out.println("holder: " + line);
        }
        return line;
    }
}
