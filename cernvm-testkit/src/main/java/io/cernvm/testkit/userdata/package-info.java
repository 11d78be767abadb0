/**
 * Seeded generators of VM user data: µCernVM blocks, amiconfig documents, cloud-config
 * documents, parts and MIME trees. Each is a pure function of a
 * {@link java.util.random.RandomGenerator}, so any property-testing library can drive it; draw
 * only bounded numbers ({@code nextInt(bound)}, {@code nextBoolean()}) from it, which is what
 * lets a shrinking library shrink the generated value towards the simplest one.
 */
package io.cernvm.testkit.userdata;
