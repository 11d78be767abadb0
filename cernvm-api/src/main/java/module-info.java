/**
 * The stable contracts of the CernVM SDK: value types, service interfaces and the exception
 * hierarchy that every other module builds on. Depends on {@code java.base} only.
 */
module io.cernvm.api {
    exports io.cernvm.api;

    uses io.cernvm.api.UserDataSource;
}
