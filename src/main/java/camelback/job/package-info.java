/** Immutable job configuration read from properties, validated with clear messages; wires archive, crypto and store. */
package camelback.job;
