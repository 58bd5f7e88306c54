/**
 * The service-provider interface of the platform backends of {@code org.ipctoolkit.sync}. Public so
 * that the {@code windows} and {@code linux} packages can implement it, but not exported by the
 * module: users never see it. Start at {@link org.ipctoolkit.sync.backend.SyncBackends} and
 * {@link org.ipctoolkit.sync.backend.SyncObjectBackend}, which state what every backend guarantees.
 */
package org.ipctoolkit.sync.backend;
