/**
 * The kv-layer: a partitioned store of ordered byte keys. See {@link io.nereid.kv.KvStore}. No graph
 * types live here; codecs for building keys are in {@code io.nereid.kv.codec}.
 */
package io.nereid.kv;
