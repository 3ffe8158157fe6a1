/** jest setupFiles of the 'sqlite' project: every e2e test file in this project runs on SQLite. */
process.env.HUB_TEST_DB = 'sqlite';

