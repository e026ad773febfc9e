package camelback.job;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.connection.ClusterConnectionMode;
import com.mongodb.event.ServerHeartbeatFailedEvent;
import com.mongodb.event.ServerMonitorListener;
import org.bson.Document;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Lets a run (typically a {@code mongodump} pre-step) go ahead only when one MongoDB node, asked
 * directly, says it is a replica-set secondary, so backups never load the primary.
 */
public final class MongoSecondaryGuard implements RunGuard {
    /** The server's answer to a command it does not know. */
    private static final int COMMAND_NOT_FOUND = 59;

    private final ConnectionString uri;
    private final String node;
    private final Duration timeout;

    /**
     * @param connectionString one node, {@code mongodb://[user:password@]host:port[/?options]}
     * @param timeout          for connecting, server selection and the answer
     * @throws ConfigException the connection string is malformed or names more than one node
     */
    public MongoSecondaryGuard(String connectionString, Duration timeout) {
        try {
            this.uri = new ConnectionString(connectionString);
        } catch (IllegalArgumentException e) {
            // The cause is dropped on purpose: its message may repeat the URI with its password.
            throw new ConfigException("MongoDB guard URI " + Redaction.hidingUserinfo(connectionString) + " is invalid: "
                    + Redaction.hidingUserinfo(e.getMessage()));
        }
        if (uri.isSrvProtocol() || uri.getHosts().size() != 1) {
            throw new ConfigException("MongoDB guard URI " + Redaction.hidingUserinfo(connectionString)
                    + " must name exactly one node (mongodb://host:port): the guard asks that node whether it is a secondary");
        }
        String host = uri.getHosts().get(0);
        this.node = host.contains(":") && !host.endsWith("]") ? host : host + ":27017";
        this.timeout = timeout;
    }

    /** The node asked, as host:port (never with credentials). */
    public String node() {
        return node;
    }

    @Override
    public GuardDecision check() throws GuardException {
        AtomicReference<Throwable> lastFailure = new AtomicReference<>();
        long millis = timeout.toMillis();
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(uri)
                .applicationName("camelback guard")
                .applyToClusterSettings(b -> b.mode(ClusterConnectionMode.SINGLE)
                        .serverSelectionTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToSocketSettings(b -> b.connectTimeout(millis, TimeUnit.MILLISECONDS)
                        .readTimeout(millis, TimeUnit.MILLISECONDS))
                .applyToServerSettings(b -> b.addServerMonitorListener(new ServerMonitorListener() {
                    @Override
                    public void serverHeartbeatFailed(ServerHeartbeatFailedEvent event) {
                        lastFailure.set(event.getThrowable());
                    }
                }))
                .build();
        try (MongoClient client = MongoClients.create(settings)) {
            return decide(status(client.getDatabase("admin")));
        } catch (MongoTimeoutException e) {
            throw new GuardException("MongoDB node " + node + " is unreachable (no usable answer within "
                    + CommandStep.human(timeout) + ")" + cause(lastFailure.get())
                    + "; check that mongod runs there and the guard URI is right");
        } catch (MongoSecurityException e) {
            throw new GuardException("MongoDB node " + node + " refused the guard's credentials: "
                    + Redaction.hidingUserinfo(e.getMessage()));
        } catch (MongoException e) {
            throw new GuardException("MongoDB node " + node + " could not tell whether it is a secondary: "
                    + Redaction.hidingUserinfo(e.getMessage()));
        }
    }

    /** {@code hello} where the server knows it (MongoDB 4.4.2+), {@code isMaster} before that. */
    private static Document status(MongoDatabase admin) {
        try {
            return admin.runCommand(new Document("hello", 1));
        } catch (MongoCommandException e) {
            if (e.getErrorCode() != COMMAND_NOT_FOUND && !"CommandNotFound".equals(e.getErrorCodeName())) {
                throw e;
            }
            return admin.runCommand(new Document("isMaster", 1));
        }
    }

    private GuardDecision decide(Document reply) {
        boolean writable = Boolean.TRUE.equals(reply.get("isWritablePrimary")) || Boolean.TRUE.equals(reply.get("ismaster"));
        boolean secondary = Boolean.TRUE.equals(reply.get("secondary"));
        String set = reply.get("setName") instanceof String s ? s : null;
        String who = "MongoDB node " + node;
        if (secondary && !writable) {
            return GuardDecision.proceed(who + " is a secondary of replica set " + set);
        }
        if (writable) {
            return GuardDecision.skip(set == null
                    ? who + " is a standalone server, not a replica-set secondary; skipping so the backup does not load it"
                    : who + " is the primary of replica set " + set + "; skipping, backups run only on a secondary");
        }
        String state = Boolean.TRUE.equals(reply.get("arbiterOnly")) ? "an arbiter" : "neither primary nor secondary (starting up, recovering or removed)";
        return GuardDecision.skip(who + " is " + state + "; skipping");
    }

    private static String cause(Throwable failure) {
        if (failure == null) {
            return "";
        }
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return ": " + Redaction.hidingUserinfo(root.getMessage()) + " (" + root.getClass().getSimpleName() + ")";
    }

    @Override
    public String toString() {
        return "MongoSecondaryGuard[" + node + "]";
    }
}
