package org.samdp.envs.bridge;

import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.samdp.envs.EnvRegistry;

/**
 * Serves samdp's registered environments over the bridge (proto {@code samdp.bridge.v1.EnvBridge}).
 *
 * <p>One env per session, any number of sessions at once (calls on different sessions run in parallel). A session is
 * closed, and its env's native memory freed, when its client closes it, when the connection it was made on ends (a
 * client that exits or crashes; keep-alive pings find peers that vanished without closing the connection), or when it
 * has been idle longer than the idle timeout. Binds to loopback unless told otherwise; TLS when given a certificate
 * chain and its private key (PEM).
 */
public final class BridgeServer implements AutoCloseable {
  /** The port a server listens on when none is given, and that clients use by default. */
  public static final int DEFAULT_PORT = 50051;

  private static final Attributes.Key<Object> TRANSPORT_ID = Attributes.Key.create("samdp-bridge-transport");

  /**
   * How to run a server.
   *
   * @param host the address to bind ({@code 127.0.0.1} by default: only this machine can connect)
   * @param port the port, 0 for any free one
   * @param envIds the ids to serve, or an empty list for every registered id
   * @param idleTimeout how long a session may go unused before the server closes it
   * @param tlsCertChain a PEM certificate chain for TLS, or null for plaintext
   * @param tlsPrivateKey the PEM private key of that certificate, or null
   */
  public record Options(String host, int port, List<String> envIds, Duration idleTimeout, Path tlsCertChain,
      Path tlsPrivateKey) {

    public Options {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
      }
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("the idle timeout must be positive, got " + idleTimeout);
      }
      if ((tlsCertChain == null) != (tlsPrivateKey == null)) {
        throw new IllegalArgumentException("TLS needs both a certificate chain and its private key");
      }
      envIds = List.copyOf(envIds);
    }

    /** Loopback, every registered env, 30 minutes idle timeout, plaintext. */
    public static Options loopback(int port) {
      return new Options("127.0.0.1", port, List.of(), Duration.ofMinutes(30), null, null);
    }

    /** The same options binding {@code newHost} ({@code 0.0.0.0} for every interface). */
    public Options withHost(String newHost) {
      return new Options(newHost, port, envIds, idleTimeout, tlsCertChain, tlsPrivateKey);
    }

    /** The same options serving only {@code ids} (empty: every registered id). */
    public Options withEnvIds(List<String> ids) {
      return new Options(host, port, ids, idleTimeout, tlsCertChain, tlsPrivateKey);
    }

    /** The same options closing sessions unused for {@code timeout}. */
    public Options withIdleTimeout(Duration timeout) {
      return new Options(host, port, envIds, timeout, tlsCertChain, tlsPrivateKey);
    }

    /** The same options over TLS with a PEM certificate chain and its private key (both null: plaintext). */
    public Options withTls(Path certChain, Path privateKey) {
      return new Options(host, port, envIds, idleTimeout, certChain, privateKey);
    }
  }

  private final Server server;
  private final EnvBridgeService service;
  private final ScheduledExecutorService reaper;
  private final ExecutorService slowCalls;
  private final Options options;

  private BridgeServer(Server server, EnvBridgeService service, ScheduledExecutorService reaper,
      ExecutorService slowCalls, Options options) {
    this.server = server;
    this.service = service;
    this.reaper = reaper;
    this.slowCalls = slowCalls;
    this.options = options;
  }

  /** Binds and starts a server; a port in use or an unknown env id is one clear error. */
  public static BridgeServer start(Options options) {
    Set<String> served = null;
    if (!options.envIds().isEmpty()) {
      served = new LinkedHashSet<>();
      for (String id : options.envIds()) {
        served.add(EnvRegistry.spec(id).id());
      }
    }
    ExecutorService slowCalls = Executors.newCachedThreadPool(daemon("samdp-bridge-make"));
    EnvBridgeService service = new EnvBridgeService(served, slowCalls);
    InetSocketAddress address = new InetSocketAddress(options.host(), options.port());
    io.grpc.ServerCredentials credentials = options.tlsCertChain() == null ? null : tls(options);
    NettyServerBuilder builder;
    try {
      builder = credentials == null ? NettyServerBuilder.forAddress(address)
          : NettyServerBuilder.forAddress(address, credentials);
    } catch (IllegalArgumentException e) {
      slowCalls.shutdown();
      // Netty's parser names neither file: say which two were read and what PEM they must hold.
      throw new IllegalArgumentException("TLS certificate chain " + options.tlsCertChain() + " or private key "
          + options.tlsPrivateKey() + " is not valid PEM (" + e.getMessage() + "); give a PEM certificate chain and"
          + " its PKCS#8 private key", e);
    }
    // Steps take microseconds: run calls on the transport's threads, sparing a thread hop per call (about half the
    // round trip on a busy machine). MakeEnv, which can take seconds, hands itself to slowCalls.
    Server server = builder.directExecutor().addService(refusingUnreadableRequests(service.bindService()))
        .addTransportFilter(new OwnerTracker(service))
        .intercept(new TransportIntoContext())
        .keepAliveTime(30, TimeUnit.SECONDS)
        .keepAliveTimeout(10, TimeUnit.SECONDS)
        .permitKeepAliveTime(10, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(64 << 20)
        .build();
    try {
      server.start();
    } catch (IOException e) {
      slowCalls.shutdown();
      throw new IllegalStateException("cannot listen on " + options.host() + ":" + options.port() + " ("
          + e.getMessage() + "); choose another --port or stop what holds it", e);
    }
    ScheduledExecutorService reaper = Executors.newSingleThreadScheduledExecutor(daemon("samdp-bridge-idle-sessions"));
    long idleNanos = options.idleTimeout().toNanos();
    long period = Math.max(50, Math.min(30_000, options.idleTimeout().toMillis() / 4));
    reaper.scheduleWithFixedDelay(() -> service.closeIdleSessions(idleNanos), period, period, TimeUnit.MILLISECONDS);
    return new BridgeServer(server, service, reaper, slowCalls, options);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  /**
   * The service with requests that are not the method's message answered INVALID_ARGUMENT. gRPC turns a parser's
   * failure into UNKNOWN whatever it throws, so the parser returns null instead and the call is closed here.
   */
  private static ServerServiceDefinition refusingUnreadableRequests(ServerServiceDefinition service) {
    ServerServiceDefinition.Builder strict = ServerServiceDefinition.builder(service.getServiceDescriptor().getName());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      strict.addMethod(refusingUnreadable(method));
    }
    return strict.build();
  }

  private static <Q, R> ServerMethodDefinition<Q, R> refusingUnreadable(ServerMethodDefinition<Q, R> method) {
    MethodDescriptor<Q, R> descriptor = method.getMethodDescriptor();
    MethodDescriptor.Marshaller<Q> parser = descriptor.getRequestMarshaller();
    MethodDescriptor.Marshaller<Q> lenient = new MethodDescriptor.Marshaller<>() {
      @Override
      public InputStream stream(Q value) {
        return parser.stream(value);
      }

      @Override
      public Q parse(InputStream stream) {
        try {
          return parser.parse(stream);
        } catch (RuntimeException e) {
          return null;
        }
      }
    };
    ServerCallHandler<Q, R> handler = method.getServerCallHandler();
    ServerCallHandler<Q, R> refusing = (call, headers) -> new ForwardingServerCallListener
        .SimpleForwardingServerCallListener<>(handler.startCall(call, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (message == null) {
          refused = true;
          call.close(Status.INVALID_ARGUMENT.withDescription("the request is not a " + descriptor.getFullMethodName()
              + " message of this bridge's protocol (samdp.bridge.v1)"), new Metadata());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }
    };
    return ServerMethodDefinition.create(descriptor.toBuilder().setRequestMarshaller(lenient).build(), refusing);
  }

  private static io.grpc.ServerCredentials tls(Options options) {
    for (Path file : List.of(options.tlsCertChain(), options.tlsPrivateKey())) {
      if (!Files.isReadable(file)) {
        throw new IllegalArgumentException("TLS file " + file + " does not exist or cannot be read");
      }
    }
    try {
      return TlsServerCredentials.create(options.tlsCertChain().toFile(), options.tlsPrivateKey().toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS certificate or key", e);
    }
  }

  /** The port the server listens on (the bound one when started with port 0). */
  public int port() {
    return server.getPort();
  }

  /** The address clients use: {@code grpc://host:port} or {@code grpcs://host:port}. */
  public String address() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return (options.tlsCertChain() == null ? "grpc" : "grpcs") + "://" + host + ":" + port();
  }

  /** Sessions open right now. */
  public int sessionCount() {
    return service.sessionCount();
  }

  /** Blocks until the server stops (for {@code samdp bridge serve}). */
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops accepting calls, cuts open connections and closes every session. */
  @Override
  public void close() {
    reaper.shutdownNow();
    server.shutdownNow();
    slowCalls.shutdown();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    service.closeAll();
  }

  /** Tags each connection with an identity, and closes its sessions when it ends. */
  private static final class OwnerTracker extends ServerTransportFilter {
    private final EnvBridgeService service;

    OwnerTracker(EnvBridgeService service) {
      this.service = service;
    }

    @Override
    public Attributes transportReady(Attributes attributes) {
      return attributes.toBuilder().set(TRANSPORT_ID, new Object()).build();
    }

    @Override
    public void transportTerminated(Attributes attributes) {
      Object transport = attributes.get(TRANSPORT_ID);
      if (transport != null) {
        service.closeSessionsOf(transport);
      }
    }
  }

  /** Makes the connection identity visible to the service as {@link EnvBridgeService#TRANSPORT}. */
  private static final class TransportIntoContext implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      Object transport = call.getAttributes().get(TRANSPORT_ID);
      Context context = Context.current().withValue(EnvBridgeService.TRANSPORT, transport);
      return Contexts.interceptCall(context, call, headers, next);
    }
  }
}
