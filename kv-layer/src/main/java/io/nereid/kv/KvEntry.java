package io.nereid.kv;

/** One key and its value, both owned by the caller. */
public record KvEntry(byte[] key, byte[] value) {}
