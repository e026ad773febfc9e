/** librsync-compatible rolling checksum, MD4 block signatures, deltas and patches, as duplicity stores them. */
package camelback.rsync;
