package camelback.store;

import camelback.store.StoreException.Reason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Files under a key prefix of an S3 bucket ({@code s3://bucket/prefix}). Uploads stream from the local file,
 * in one request up to a threshold and as a multipart upload above it. Closing the store closes its client.
 */
public final class S3Store implements Store {

    private static final long MIB = 1024L * 1024L;
    /** Files larger than this go up as multipart uploads by default. */
    public static final long DEFAULT_MULTIPART_THRESHOLD = 64 * MIB;
    /** Default size of one multipart part. */
    public static final long DEFAULT_PART_SIZE = 64 * MIB;
    /** S3's smallest part (all but the last). */
    public static final long MIN_PART_SIZE = 5 * MIB;
    private static final int MAX_PARTS = 10_000;
    private static final int DEFAULT_LIST_PAGE_SIZE = 1000;
    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final int COPY_BUFFER = 1 << 16;

    private final S3Client s3;
    /** Limits on how long a listing or a download waits for S3's answer; null for the client's own. */
    private final AwsRequestOverrideConfiguration readRequests;
    private final TargetUrl target;
    private final String folder;
    private final long multipartThreshold;
    private final long partSize;
    private final int listPageSize;

    public S3Store(S3Client client, String bucket, String prefix) {
        this(client, bucket, prefix, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE);
    }

    /** @param readRequests limits on the wait for S3's answer to a listing or a download ({@link S3ClientFactory#readRequests}) */
    public S3Store(S3Client client, String bucket, String prefix, AwsRequestOverrideConfiguration readRequests) {
        this(client, bucket, prefix, DEFAULT_MULTIPART_THRESHOLD, DEFAULT_PART_SIZE, DEFAULT_LIST_PAGE_SIZE, readRequests);
    }

    /**
     * @param multipartThreshold files larger than this many bytes are uploaded in parts
     * @param partSize           bytes per part, at least {@link #MIN_PART_SIZE}; grown when a file needs more than
     *                           S3's 10,000 parts
     */
    public S3Store(S3Client client, String bucket, String prefix, long multipartThreshold, long partSize) {
        this(client, bucket, prefix, multipartThreshold, requireS3PartSize(partSize), DEFAULT_LIST_PAGE_SIZE, null);
    }

    /** Unchecked part size and a list page size, so tests can drive S3's edge cases. */
    S3Store(S3Client client, String bucket, String prefix, long multipartThreshold, long partSize, int listPageSize) {
        this(client, bucket, prefix, multipartThreshold, partSize, listPageSize, null);
    }

    private S3Store(S3Client client, String bucket, String prefix, long multipartThreshold, long partSize,
                    int listPageSize, AwsRequestOverrideConfiguration readRequests) {
        if (multipartThreshold < 0 || partSize <= 0 || listPageSize <= 0) {
            throw new IllegalArgumentException("multipart threshold, part size and list page size must be positive");
        }
        this.s3 = client;
        this.readRequests = readRequests;
        this.target = TargetUrl.s3(bucket, prefix == null ? "" : stripSlashes(prefix));
        this.folder = target.prefix().isEmpty() ? "" : target.prefix() + "/";
        this.multipartThreshold = multipartThreshold;
        this.partSize = partSize;
        this.listPageSize = listPageSize;
    }

    @Override
    public String describe() {
        return target.toString();
    }

    @Override
    public List<String> list() throws StoreException {
        ListObjectsV2Request request = ListObjectsV2Request.builder().overrideConfiguration(readRequests)
                .bucket(target.bucket()).prefix(folder).delimiter("/").maxKeys(listPageSize).build();
        List<String> names = new ArrayList<>();
        try {
            for (ListObjectsV2Response page : s3.listObjectsV2Paginator(request)) {
                for (S3Object object : page.contents()) {
                    String name = object.key().substring(folder.length());
                    // A zero-length "folder/" marker object some tools create is not a file.
                    if (!name.isEmpty()) {
                        names.add(name);
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list", null, e);
        }
        return names;
    }

    /**
     * A failure to read the body is the target's (or the network's) and may pass; a failure to write the local file is
     * this machine's, typically a full disk, and is not retried: downloading the volume again only fills it again.
     */
    @Override
    public void get(String name, Path destination) throws StoreException {
        AtomicFile out;
        try {
            out = AtomicFile.begin(destination);
        } catch (IOException e) {
            throw localFailure(name, destination, e);
        }
        try (out) {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(readRequest(name));
                 OutputStream file = Files.newOutputStream(out.temp(), StandardOpenOption.WRITE)) {
                copy(name, in, file, destination);
            }
            out.publish();
        } catch (SdkException e) {
            throw failure("download", name, e);
        } catch (StoreException e) {
            throw e;
        } catch (IOException e) {
            throw localFailure(name, destination, e);
        }
    }

    private void copy(String name, ResponseInputStream<GetObjectResponse> in, OutputStream file, Path destination)
            throws StoreException {
        byte[] buffer = new byte[COPY_BUFFER];
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                // closing would wait to read the rest of a body that stopped coming
                in.abort();
                throw S3Failures.brokenOff(name, target, endpoint(), e);
            }
            if (n < 0) {
                return;
            }
            try {
                file.write(buffer, 0, n);
            } catch (IOException e) {
                in.abort();
                throw localFailure(name, destination, e);
            }
        }
    }

    private StoreException localFailure(String name, Path destination, IOException e) {
        Path folder = destination.toAbsolutePath().getParent();
        return new StoreException(Reason.LOCAL, "cannot download " + name + " from " + describe() + ": cannot write it "
                + "into " + folder + " (" + e + "); check the free space and permissions there", e);
    }

    @Override
    public InputStream open(String name) throws StoreException {
        try {
            return new ObjectStream(s3.getObject(readRequest(name)));
        } catch (SdkException e) {
            throw failure("download", name, e);
        }
    }

    private GetObjectRequest readRequest(String name) {
        return GetObjectRequest.builder().overrideConfiguration(readRequests)
                .bucket(target.bucket()).key(target.keyFor(name)).build();
    }

    @Override
    public void put(String name, Path file) throws StoreException {
        String key = target.keyFor(name);
        StoreArguments.sourceFile(file, name, describe());
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new StoreException(Reason.FAILED, "cannot store " + name + " in " + describe()
                    + ": cannot read the size of " + file + " (" + e + ")", e);
        }
        try {
            if (size <= multipartThreshold) {
                s3.putObject(PutObjectRequest.builder().bucket(target.bucket()).key(key).contentType(CONTENT_TYPE)
                        .build(), RequestBody.fromFile(file));
            } else {
                putInParts(key, file, size);
            }
        } catch (SdkException e) {
            throw failure("upload", name, e);
        } catch (UncheckedIOException e) {
            throw new StoreException(Reason.FAILED, "cannot upload " + name + " to " + describe() + ": "
                    + e.getMessage(), e.getCause());
        }
    }

    private void putInParts(String key, Path file, long size) {
        long bytesPerPart = Math.max(partSize, (size + MAX_PARTS - 1) / MAX_PARTS);
        String uploadId = s3.createMultipartUpload(b -> b.bucket(target.bucket()).key(key).contentType(CONTENT_TYPE))
                .uploadId();
        try {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += bytesPerPart, number++) {
                long length = Math.min(bytesPerPart, size - offset);
                UploadPartRequest request = UploadPartRequest.builder().bucket(target.bucket()).key(key)
                        .uploadId(uploadId).partNumber(number).contentLength(length).build();
                try (FileRange range = new FileRange(file, offset, length)) {
                    String etag = s3.uploadPart(request, RequestBody.fromContentProvider(range, length, CONTENT_TYPE))
                            .eTag();
                    parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot close part " + number + " of " + file, e);
                }
            }
            s3.completeMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        } catch (RuntimeException e) {
            // An unfinished multipart upload keeps its parts (and their storage cost) until aborted.
            try {
                s3.abortMultipartUpload(b -> b.bucket(target.bucket()).key(key).uploadId(uploadId));
            } catch (SdkException abortFailure) {
                e.addSuppressed(abortFailure);
            }
            throw e;
        }
    }

    @Override
    public void delete(String name) throws StoreException {
        String key = target.keyFor(name);
        try {
            s3.deleteObject(b -> b.overrideConfiguration(readRequests).bucket(target.bucket()).key(key));
        } catch (SdkException e) {
            throw failure("delete", name, e);
        }
    }

    @Override
    public List<UnfinishedUpload> unfinishedUploads() throws StoreException {
        // No delimiter: S3Proxy answers one with 501 Not Implemented. Uploads in sub-folders are skipped here
        // instead, as list() skips the files there.
        ListMultipartUploadsRequest request = ListMultipartUploadsRequest.builder().overrideConfiguration(readRequests)
                .bucket(target.bucket()).prefix(folder).build();
        List<UnfinishedUpload> uploads = new ArrayList<>();
        try {
            for (ListMultipartUploadsResponse page : s3.listMultipartUploadsPaginator(request)) {
                for (MultipartUpload upload : page.uploads()) {
                    String name = upload.key().substring(folder.length());
                    if (!name.isEmpty() && name.indexOf('/') < 0) {
                        uploads.add(new UnfinishedUpload(name, upload.uploadId(), upload.initiated()));
                    }
                }
            }
        } catch (SdkException e) {
            throw failure("list the unfinished uploads of", null, e);
        }
        return uploads;
    }

    @Override
    public void abort(UnfinishedUpload upload) throws StoreException {
        String key = target.keyFor(upload.name());
        try {
            s3.abortMultipartUpload(b -> b.overrideConfiguration(readRequests).bucket(target.bucket()).key(key)
                    .uploadId(upload.uploadId()));
        } catch (NoSuchUploadException e) {
            // completed or aborted since it was listed: nothing of it is left to free
        } catch (SdkException e) {
            throw failure("abort the upload of", upload.name(), e);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private StoreException failure(String action, String name, SdkException e) {
        return S3Failures.of(action, name, target, endpoint(), e);
    }

    private String endpoint() {
        return s3.serviceClientConfiguration().endpointOverride().map(URI::toString)
                .orElse("AWS (" + s3.serviceClientConfiguration().region() + ")");
    }

    private static long requireS3PartSize(long partSize) {
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("S3 part size " + partSize + " is below S3's minimum of "
                    + MIN_PART_SIZE + " bytes (5 MiB)");
        }
        return partSize;
    }

    private static String stripSlashes(String prefix) {
        int start = 0;
        int end = prefix.length();
        while (start < end && prefix.charAt(start) == '/') {
            start++;
        }
        while (end > start && prefix.charAt(end - 1) == '/') {
            end--;
        }
        return prefix.substring(start, end);
    }

    /** Aborts the connection when closed before the end, rather than downloading the rest of a large object. */
    private static final class ObjectStream extends FilterInputStream {
        private final ResponseInputStream<GetObjectResponse> response;
        private boolean ended;

        ObjectStream(ResponseInputStream<GetObjectResponse> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            ended |= b < 0;
            return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
            int n = super.read(buffer, off, len);
            ended |= n < 0;
            return n;
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }
}
