/**
 * The Gymnasium-compatible gRPC bridge (contract: {@code proto/src/main/proto/samdp/bridge/v1/bridge.proto}).
 * {@link org.samdp.envs.bridge.BridgeServer} serves samdp's registered envs to any client (the Python package
 * {@code samdp_bridge} makes them {@code gymnasium.Env}s); {@link org.samdp.envs.bridge.RemoteEnv} and
 * {@link org.samdp.envs.bridge.RemoteVectorEnv} use envs served elsewhere (samdp's server, or the Python server
 * around any {@code gymnasium.make} env such as {@code ALE/Pong-v5}) as local ones. {@link org.samdp.envs.bridge.RemoteId}
 * says how remote ids are written.
 */
package org.samdp.envs.bridge;
