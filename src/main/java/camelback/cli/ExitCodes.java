package camelback.cli;

import camelback.archive.DestinationNotEmptyException;
import camelback.archive.PathNotFoundException;
import camelback.archive.SourceMissingException;
import camelback.camel.ErrorMessages;
import camelback.crypto.CryptoException;
import camelback.crypto.IntegrityException;
import camelback.crypto.KeyFileException;
import camelback.job.ConfigException;
import camelback.store.StoreException;
import picocli.CommandLine;

/** The one place where errors become exit codes. */
public final class ExitCodes {
    private ExitCodes() {
    }

    public static ExitCode of(Throwable error) {
        Throwable t = ErrorMessages.rootCause(error);
        if (t instanceof CommandLine.ParameterException || t instanceof IllegalArgumentException) {
            return ExitCode.USAGE;
        }
        if (t instanceof ConfigException || t instanceof KeyFileException || t instanceof SourceMissingException) {
            return ExitCode.CONFIG;
        }
        if (t instanceof camelback.job.LockedException) {
            return ExitCode.LOCKED;
        }
        if (t instanceof StoreException || t instanceof camelback.archive.VolumeFetchException) {
            return ExitCode.TARGET;
        }
        if (t instanceof IntegrityException || t instanceof camelback.crypto.SignatureException || t instanceof camelback.archive.VolumeHashMismatchException || t instanceof camelback.archive.VolumeReadException
                || t instanceof camelback.archive.VolumeMissingException || t instanceof camelback.archive.DamagedSignaturesException) {
            return ExitCode.INTEGRITY;
        }
        if (t instanceof CryptoException) {
            return ExitCode.CRYPTO;
        }
        if (t instanceof DestinationNotEmptyException || t instanceof PathNotFoundException || t instanceof camelback.archive.NoBackupFoundException) {
            return ExitCode.REFUSED;
        }
        return ExitCode.ERROR;
    }
}
