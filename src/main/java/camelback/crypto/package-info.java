/**
 * OpenPGP streams (public key, passphrase, signing), key files and key generation, with Bouncy Castle; adaptive,
 * parallel deflate inside them, through the system's libdeflate and ISA-L when present and the JDK's zlib otherwise.
 */
package camelback.crypto;
