/** OpenPGP streams (public key, passphrase, signing), key files and key generation, with Bouncy Castle. */
package camelback.crypto;
