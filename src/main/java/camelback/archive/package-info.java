/**
 * Duplicity's archive format: file names, tar volumes, manifests, signature tars, chains, the
 * backup-set writer and the restorer. Knows nothing of Camel, encryption or where files are stored.
 */
package camelback.archive;
