package camelback.archive;

/** The kinds of paths a backup stores (sockets are skipped), with their tar type flags. */
public enum FileType {
    REGULAR('0'), DIRECTORY('5'), SYMLINK('2'), FIFO('6'), CHAR_DEVICE('3'), BLOCK_DEVICE('4');

    private final byte typeflag;

    FileType(char typeflag) {
        this.typeflag = (byte) typeflag;
    }

    public byte typeflag() {
        return typeflag;
    }

    /** The type for a tar type flag; NUL and '7' are regular files; null for flags a backup never holds. */
    public static FileType fromTypeflag(byte flag) {
        if (flag == 0 || flag == '7') {
            return REGULAR;
        }
        for (FileType t : values()) {
            if (t.typeflag == flag) {
                return t;
            }
        }
        return null;
    }
}
