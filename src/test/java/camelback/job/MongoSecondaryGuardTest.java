package camelback.job;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MongoSecondaryGuardTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);

    private MongoServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void standaloneServerIsSkippedWithAReason() throws Exception {
        String uri = start(new MemoryBackend());

        GuardDecision decision = new MongoSecondaryGuard(uri, TIMEOUT).check();

        assertThat(decision.proceed()).isFalse();
        assertThat(decision.reason()).contains(node(), "standalone");
    }

    @Test
    void secondaryAnsweringOnlyIsMasterProceeds() throws Exception {
        String uri = start(new ReplicaMemberBackend(false, true));

        GuardDecision decision = new MongoSecondaryGuard(uri, TIMEOUT).check();

        assertThat(decision.proceed()).isTrue();
        assertThat(decision.reason()).isEqualTo("MongoDB node " + node() + " is a secondary of replica set rs0");
    }

    @Test
    void helloIsPreferredOverIsMaster() throws Exception {
        // isMaster would say "primary"; only hello says "secondary".
        String uri = start(new ReplicaMemberBackend(true, true));

        assertThat(new MongoSecondaryGuard(uri, TIMEOUT).check().proceed()).isTrue();
    }

    @Test
    void primaryOfAReplicaSetIsSkipped() throws Exception {
        String uri = start(new ReplicaMemberBackend(true, false));

        GuardDecision decision = new MongoSecondaryGuard(uri, TIMEOUT).check();

        assertThat(decision.proceed()).isFalse();
        assertThat(decision.reason()).contains("primary of replica set rs0");
    }

    @Test
    void unreachableNodeIsAFailureNamingHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        MongoSecondaryGuard guard = new MongoSecondaryGuard("mongodb://127.0.0.1:" + port, Duration.ofSeconds(1));

        assertThatThrownBy(guard::check)
                .isInstanceOf(GuardException.class)
                .hasMessageContaining("127.0.0.1:" + port)
                .hasMessageContaining("unreachable")
                .hasMessageContaining("refused");
    }

    @Test
    void credentialsNeverAppearInErrors() throws Exception {
        String uri = start(new MemoryBackend()).replace("mongodb://", "mongodb://backup:s3cr3t-pw@");

        assertThatThrownBy(() -> new MongoSecondaryGuard(uri, TIMEOUT).check())
                .isInstanceOf(GuardException.class)
                .hasMessageContaining(node())
                .hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(() -> new MongoSecondaryGuard("mongodb://backup:s3cr3t-pw@a:1,b:2", TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("exactly one node")
                .hasMessageNotContaining("s3cr3t-pw");
        assertThatThrownBy(() -> new MongoSecondaryGuard("mongodb://backup:s3cr3t-pw@a:1/?bogus=%", TIMEOUT))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("s3cr3t-pw");
    }

    private String start(MemoryBackend backend) {
        backend.version(ServerVersion.MONGO_5_0);
        server = new MongoServer(backend);
        return server.bindAndGetConnectionString();
    }

    private String node() {
        InetSocketAddress address = server.getLocalAddress();
        return address.getHostString() + ":" + address.getPort();
    }

    /** Answers like a replica-set member; the stock backend always answers isMaster as a standalone primary. */
    private static final class ReplicaMemberBackend extends MemoryBackend {
        private final boolean answersHello;
        private final boolean secondary;

        ReplicaMemberBackend(boolean answersHello, boolean secondary) {
            this.answersHello = answersHello;
            this.secondary = secondary;
        }

        @Override
        public Document handleCommand(Channel channel, String database, String command, Document query) {
            if (command.equalsIgnoreCase("hello") && answersHello) {
                Document reply = super.handleCommand(channel, database, "ismaster", query);
                reply.remove("ismaster");
                reply.put("isWritablePrimary", !secondary);
                return member(reply, secondary);
            }
            if (command.equalsIgnoreCase("ismaster")) {
                Document reply = super.handleCommand(channel, database, command, query);
                // When hello is answered, isMaster pretends to be primary so the test shows which one was used.
                return member(reply, !answersHello && secondary);
            }
            return super.handleCommand(channel, database, command, query);
        }

        private static Document member(Document reply, boolean secondary) {
            reply.put("ismaster", !secondary);
            reply.put("secondary", secondary);
            reply.put("setName", "rs0");
            return reply;
        }
    }
}
