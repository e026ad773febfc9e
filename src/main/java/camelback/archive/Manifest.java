package camelback.archive;

import java.util.List;

/** A parsed manifest: optional Hostname/Localdir (null when absent) and the volume records in number order. */
public record Manifest(String hostname, String localdir, List<ManifestVolume> volumes) {
}
