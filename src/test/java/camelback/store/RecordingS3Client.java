package camelback.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import software.amazon.awssdk.services.s3.S3Client;

/** Wraps a real S3 client and notes the name of every operation called on it, to see which requests a store makes. */
final class RecordingS3Client {

    private RecordingS3Client() {
    }

    static S3Client wrap(S3Client client, List<String> calls) {
        return (S3Client) Proxy.newProxyInstance(S3Client.class.getClassLoader(), new Class<?>[] {S3Client.class},
                (proxy, method, args) -> {
                    calls.add(method.getName());
                    try {
                        return method.invoke(client, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
