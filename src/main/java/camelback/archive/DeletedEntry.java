package camelback.archive;

/** The header duplicity writes for a deleted path (spec 3.3): type 0, everything zero or empty. */
final class DeletedEntry {
    private DeletedEntry() {
    }

    static TarHeader header(PathIndex index) {
        byte[] name = new EntryName(EntryName.Kind.DELETED, index, 0).toBytes(false);
        return new TarHeader(name, TarHeader.REGULAR, 0, 0, 0, 0, 0, new byte[0], "", "", 0, 0);
    }
}
