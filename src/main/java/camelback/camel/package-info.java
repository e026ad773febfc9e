/** Camel Main wiring: beans the YAML routes call, the once-mode runner and the report. */
package camelback.camel;
