/**
 * Deliberately bad packages for PackageRulesTest, to prove each rule fails: {@code service} is a
 * service whose ground package imports a feature, whose features import each other both ways,
 * and one of whose features imports {@code otherservice}.
 */
package dev.chatsuite.archfixture;
