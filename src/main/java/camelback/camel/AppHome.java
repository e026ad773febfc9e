package camelback.camel;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where routes/ and config/ live: {@code -Dcamelback.home} (set by bin/camelback), else
 * {@code CAMELBACK_HOME}, else next to the jar (target/camelback.jar → its project), else the
 * working directory. Paths never depend on where the program was started from.
 */
public record AppHome(Path dir) {

    public static AppHome locate() {
        String prop = System.getProperty("camelback.home");
        if (prop != null && !prop.isBlank()) {
            return new AppHome(Path.of(prop).toAbsolutePath().normalize());
        }
        String env = System.getenv("CAMELBACK_HOME");
        if (env != null && !env.isBlank()) {
            return new AppHome(Path.of(env).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(AppHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("routes"))) {
                    return new AppHome(p);
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return new AppHome(Path.of("").toAbsolutePath());
    }

    public Path routes() {
        return dir.resolve("routes");
    }

    public Path defaultConfig() {
        return dir.resolve("config").resolve("application.properties");
    }
}
