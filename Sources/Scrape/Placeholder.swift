enum ScrapeModule {}
