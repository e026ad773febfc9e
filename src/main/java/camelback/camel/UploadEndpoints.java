package camelback.camel;

import camelback.archive.ArchiveFileName;
import camelback.job.JobConfig;
import camelback.job.Secrets;
import camelback.job.Targets;
import camelback.store.S3ClientFactory;
import camelback.store.TargetUrl;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The Camel endpoint each job uploads to. S3 credentials live in an {@link S3Client} bound in the
 * registry, so the URI (which Camel logs) never carries a secret.
 */
public final class UploadEndpoints {
    static final long PART_SIZE = 16L * 1024 * 1024;

    private final CamelContext context;
    private final Secrets secrets;

    public UploadEndpoints(CamelContext context, Secrets secrets) {
        this.context = context;
        this.secrets = secrets;
    }

    public String uriFor(JobConfig job) {
        TargetUrl url = TargetUrl.parse(job.target());
        if ("file".equals(url.scheme())) {
            return "file:" + url.directory() + "?tempPrefix=" + ArchiveFileName.UPLOAD_PREFIX + "&fileExist=Override";
        }
        String bean = "s3client-" + job.name();
        if (context.getRegistry().lookupByName(bean) == null) {
            S3Client client = S3ClientFactory.createForUploads(Targets.s3Settings(job.s3(), secrets, job.name()));
            context.getRegistry().bind(bean, client);
        }
        return "aws2-s3://" + url.bucket() + "?amazonS3Client=#" + bean
                + "&autoCreateBucket=false&multiPartUpload=true&partSize=" + PART_SIZE;
    }

    public static String keyFor(JobConfig job, String name) {
        return TargetUrl.parse(job.target()).keyFor(name);
    }
}
