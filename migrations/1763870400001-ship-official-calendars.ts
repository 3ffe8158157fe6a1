import { MigrationInterface, QueryRunner } from 'typeorm';
import { OFFICIAL_CALENDARS } from '../src/calendar/official-calendars';

// Loads the official calendars the hub ships (2025, 2026). Later years arrive through
// publishWorkingCalendar; this migration never overwrites a year that is already loaded.
export class ShipOfficialCalendars1763870400001 implements MigrationInterface {
  name = 'ShipOfficialCalendars1763870400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [yearText, days] of Object.entries(OFFICIAL_CALENDARS)) {
      const year = Number(yearText);
      const loaded = await queryRunner.query('SELECT year FROM calendar_years WHERE year = ?', [year]);
      if (loaded.length > 0) continue;
      for (const day of days) {
        await queryRunner.query('INSERT INTO calendar_days (date, year, workday, name) VALUES (?, ?, ?, ?)', [
          day.date,
          year,
          day.workday ? 1 : 0,
          day.name ?? null,
        ]);
      }
      await queryRunner.query('INSERT INTO calendar_years (year, published_at, published_by) VALUES (?, ?, ?)', [
        year,
        '2026-01-01T00:00:00.000Z',
        'shipped',
      ]);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DELETE FROM calendar_days WHERE year IN (SELECT year FROM calendar_years WHERE published_by = 'shipped')");
    await queryRunner.query("DELETE FROM calendar_years WHERE published_by = 'shipped'");
  }
}
