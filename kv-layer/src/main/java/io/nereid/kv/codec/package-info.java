/**
 * Order-preserving key codecs: encodings of numbers and strings whose unsigned lexicographic byte
 * order (the order LMDB keeps keys in, see {@link io.nereid.kv.ByteKeys#ORDER}) equals the natural
 * order of the values. A composite key is the concatenation of such fields, built with {@link
 * io.nereid.kv.codec.KeyBuilder} and taken apart with {@link io.nereid.kv.codec.KeyReader}; it then
 * sorts like the tuple of its fields, so a range scan over a key prefix is a scan over the tuples
 * that share those leading fields.
 *
 * <p>For that to hold, every field except the last must be self-delimiting: fixed-width, or (like
 * {@link io.nereid.kv.codec.UnsignedVarint} and {@link io.nereid.kv.codec.StringCodec}) carrying
 * its own length or terminator in a way that sorts correctly.
 *
 * <p>These encodings are stored on disk: changing any of them changes the store format. The tests
 * pin them with known byte vectors.
 *
 * <p>Static {@code read} methods do not check array bounds beyond what Java does: reading past the
 * end of the array throws {@link java.lang.IndexOutOfBoundsException}. {@link
 * io.nereid.kv.codec.KeyReader} checks and names the field that is cut short.
 */
package io.nereid.kv.codec;
