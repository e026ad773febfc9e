package camelback.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes a manifest exactly as duplicity does (spec 4.1–4.3): header, volume records, Filelist last. */
final class ManifestWriter {
    private ManifestWriter() {
    }

    static void write(OutputStream out, String hostname, String localdir, List<ManifestVolume> volumes,
            FilelistSpool filelist) throws IOException {
        if (hostname != null && !hostname.isEmpty()) {
            ascii(out, "Hostname ");
            out.write(hostname.getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        if (localdir != null && !localdir.isEmpty()) {
            ascii(out, "Localdir ");
            out.write(PathQuoting.quote(localdir.getBytes(StandardCharsets.UTF_8)));
            out.write('\n');
        }
        for (ManifestVolume v : volumes) {
            ascii(out, "Volume " + v.number() + ":\n");
            ascii(out, "    StartingPath   ");
            position(out, v.startIndex(), v.startBlock());
            ascii(out, "    EndingPath     ");
            position(out, v.endIndex(), v.endBlock());
            ascii(out, "    Hash " + v.hashType() + " " + v.hash() + "\n");
        }
        ascii(out, "Filelist " + filelist.count() + "\n");
        filelist.copyTo(out);
    }

    private static void position(OutputStream out, PathIndex index, Integer block) throws IOException {
        out.write(PathQuoting.quote(index.bytesOrDot()));
        ascii(out, " " + (block == null ? " " : block.toString()) + "\n");
    }

    private static void ascii(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.US_ASCII));
    }
}
