/** The Store port (list, get, put, delete) with file and S3 implementations and decorators. */
package camelback.store;
