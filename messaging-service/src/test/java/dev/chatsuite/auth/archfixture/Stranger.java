package dev.chatsuite.auth.archfixture;

/** Stands for a class of another service, for PackageRulesTest's failing fixture. */
public class Stranger {
}
