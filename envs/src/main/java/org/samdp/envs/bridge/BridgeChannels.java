package org.samdp.envs.bridge;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel (one connection) per server, shared by every remote env of this JVM that talks to it, and shut down
 * when the last of them closes. Sessions live as long as their connection, so the channel never idles out on its own;
 * keep-alive pings notice a server that vanished without closing the connection.
 */
final class BridgeChannels {
  private record Key(String target, boolean tls, Path trustedCa) {}

  private static final class Entry {
    final ManagedChannel channel;
    int users;

    Entry(ManagedChannel channel) {
      this.channel = channel;
    }
  }

  private static final Map<Key, Entry> CHANNELS = new HashMap<>();

  private BridgeChannels() {}

  /** A channel to the server of {@code id}; give it back with {@link #release}. */
  static synchronized ManagedChannel acquire(RemoteId id, Path trustedCa) {
    Key key = new Key(id.target(), id.tls(), id.tls() ? trustedCa : null);
    Entry entry = CHANNELS.get(key);
    if (entry == null || entry.channel.isShutdown()) {
      entry = new Entry(NettyChannelBuilder.forTarget(id.target(), credentials(id.tls(), trustedCa))
          .keepAliveTime(30, TimeUnit.SECONDS)
          .keepAliveTimeout(10, TimeUnit.SECONDS)
          .keepAliveWithoutCalls(true)
          .idleTimeout(30, TimeUnit.DAYS) // the longest gRPC allows: an idle channel would end its sessions
          .maxInboundMessageSize(64 << 20)
          .build());
      CHANNELS.put(key, entry);
    }
    entry.users++;
    return entry.channel;
  }

  static synchronized void release(ManagedChannel channel) {
    CHANNELS.values().removeIf(entry -> {
      if (entry.channel != channel || --entry.users > 0) {
        return false;
      }
      entry.channel.shutdown();
      return true;
    });
  }

  private static ChannelCredentials credentials(boolean tls, Path trustedCa) {
    if (!tls) {
      return InsecureChannelCredentials.create();
    }
    if (trustedCa == null) {
      return TlsChannelCredentials.create();
    }
    if (!Files.isReadable(trustedCa)) {
      throw new IllegalArgumentException("the CA file " + trustedCa + " (" + RemoteId.CA_VARIABLE
          + ") does not exist or cannot be read");
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(trustedCa.toFile()).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CA file " + trustedCa, e);
    }
  }
}
