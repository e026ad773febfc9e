/** The camelback command: picocli subcommands and the one place where errors become exit codes. */
package camelback.cli;
