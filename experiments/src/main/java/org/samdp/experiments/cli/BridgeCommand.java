package org.samdp.experiments.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.samdp.envs.bridge.BridgeServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code samdp bridge serve}: samdp's environments over the gRPC bridge. */
@Command(
    name = "bridge",
    description = "The Gymnasium-compatible gRPC bridge: serve samdp's environments to Python (or any gRPC client).",
    mixinStandardHelpOptions = true,
    subcommands = {BridgeCommand.Serve.class})
public final class BridgeCommand extends CommandGroup {

  /** {@code samdp bridge serve}. */
  @Command(
      name = "serve",
      description = "Serve the registered environments until stopped (Ctrl-C). Python: `import samdp_bridge; "
          + "gymnasium.make(\"samdp/Hopper-v4\")`; Java: `EnvRegistry.make(\"grpc://HOST:PORT/Hopper-v4\")`.",
      mixinStandardHelpOptions = true)
  static final class Serve implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1",
        description = "Address to bind (default ${DEFAULT-VALUE}: this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--port", defaultValue = "" + BridgeServer.DEFAULT_PORT,
        description = "Port (0: any free one; default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--envs", split = ",", arity = "1..*", paramLabel = "ID",
        description = "Serve only these ids (comma- or space-separated, as the Python server takes them; default: "
            + "every registered id).")
    List<String> envs;

    @Option(names = "--idle-timeout", defaultValue = "1800", paramLabel = "SECONDS",
        description = "Close sessions unused this long (default ${DEFAULT-VALUE}); sessions also close when their "
            + "client's connection ends.")
    long idleTimeoutSeconds;

    @Option(names = "--tls-cert", paramLabel = "FILE", description = "PEM certificate chain: serve over TLS.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE", description = "PEM private key of --tls-cert.")
    Path tlsKey;

    @Override
    public Integer call() throws InterruptedException {
      if (idleTimeoutSeconds <= 0) {
        throw new IllegalArgumentException("--idle-timeout must be positive, got " + idleTimeoutSeconds);
      }
      BridgeServer.Options options = BridgeServer.Options.loopback(port).withHost(host)
          .withEnvIds(envs == null ? List.of() : envs).withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds))
          .withTls(tlsCert, tlsKey);
      BridgeServer server = BridgeServer.start(options);
      Runtime.getRuntime().addShutdownHook(new Thread(server::close, "samdp-bridge-shutdown"));
      PrintWriter out = spec.commandLine().getOut();
      out.println("samdp bridge serving " + (envs == null ? "every registered env" : String.join(", ", envs))
          + " on " + server.address() + " (Ctrl-C stops)");
      out.flush();
      server.awaitTermination();
      return 0;
    }
  }
}
