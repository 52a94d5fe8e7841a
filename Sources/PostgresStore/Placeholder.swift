enum PostgresStoreModule {}
