// A list's filter form, shared by the lists that filter (案件, 复核, 督办单): a labelled vertical form
// of columns with 查询 and 重置 under it, in a card headed 查询条件. The fields are each list's own.

import { Button, Card, Form, Row, Space, type FormInstance } from 'antd';

/** Select options of one of labels.ts's name tables (code → Chinese name). */
export const enumOptions = (names: Record<string, string>) => Object.entries(names).map(([value, label]) => ({ value, label }));

/** The column of one filter field: four to a row on a wide screen. */
export const FILTER_COL = { xs: 24, sm: 12, lg: 8, xl: 6 } as const;

/** A card's title as a second-level heading (the page's h1 is the screen's name). */
export const cardHeading = (text: string) => <h2 style={{ margin: 0, fontSize: 16 }}>{text}</h2>;

export function FilterForm<Values>({
  form,
  label,
  onSearch,
  onReset,
  children,
}: {
  form: FormInstance<Values>;
  /** The form's accessible name, e.g. 案件查询条件. */
  label: string;
  onSearch(values: Values): void;
  onReset(): void;
  children: React.ReactNode;
}) {
  return (
    <Form form={form} layout="vertical" onFinish={onSearch} aria-label={label}>
      <Row gutter={16}>{children}</Row>
      <Space>
        <Button type="primary" htmlType="submit">
          查询
        </Button>
        <Button onClick={onReset}>重置</Button>
      </Space>
    </Form>
  );
}

/** The 查询条件 card around a FilterForm. */
export function FilterCard({ children }: { children: React.ReactNode }) {
  return (
    <Card title={cardHeading('查询条件')} style={{ marginBottom: 16 }}>
      {children}
    </Card>
  );
}
