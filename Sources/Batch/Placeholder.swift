enum BatchModule {}
