package camelback.store;

import camelback.store.StoreException.Reason;
import java.nio.file.Files;
import java.nio.file.Path;

/** The checks every store applies to its arguments, so no store can be led outside its target. */
final class StoreArguments {

    private StoreArguments() {
    }

    /** A plain file name: not empty, no path separators, not {@code .} or {@code ..}. */
    static String name(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("store file name must not be empty");
        }
        if (name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\\') >= 0
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("store file name must be a plain file name, not a path: '" + name + "'");
        }
        return name;
    }

    /** The local file an upload reads from must exist and be readable. */
    static void sourceFile(Path file, String name, String target) throws StoreException {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new StoreException(Reason.FAILED, "cannot store " + name + " in " + target + ": local file "
                    + file + " does not exist or is not a readable file");
        }
    }
}
